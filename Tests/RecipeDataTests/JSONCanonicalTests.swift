import RecipeData
import Testing

/// Two texts of the same JSON value have the same canonical bytes; different values do not.
struct JSONCanonicalTests {
    @Test(arguments: [
        (#"{"b":1,"a":[1,{"d":2,"c":3}]}"#, #" { "a" : [ 1 , { "c" : 3 , "d" : 2 } ] , "b" : 1 } "#, true),
        (#"{"n":5}"#, #"{"n":5.0}"#, true),
        (#"{"é":1,"z":2}"#, #"{"z":2,"é":1}"#, true),
        (#"[1,2]"#, #"[2,1]"#, false),
        (#"{"n":5}"#, #"{"n":5.5}"#, false),
        (#"{"a":"1"}"#, #"{"a":1}"#, false),
    ])
    func sameValueSameBytes(_ a: String, _ b: String, _ same: Bool) throws {
        let x = try JSONParser.parseValue(Array(a.utf8)).canonicalJSONBytes()
        let y = try JSONParser.parseValue(Array(b.utf8)).canonicalJSONBytes()
        #expect((x == y) == same)
    }

    @Test func keysAreSortedAndSpaceIsDropped() throws {
        let value = try JSONParser.parseValue(Array(#"{ "b": {"y": 1, "x": 2.0}, "a": null }"#.utf8))
        #expect(String(decoding: value.canonicalJSONBytes(), as: UTF8.self) == #"{"a":null,"b":{"x":2,"y":1}}"#)
    }
}
