import RecipeData
import RecipeExpressions
import Testing

struct FunctionTests {
    static let values: [Case] = [
        Case("lower('AbC')", "abc"), Case("upper('straße')", "STRASSE"), Case("trim('  a b \\n')", "a b"),
        Case("lower(null)", ""), Case("upper(12)", "12"),
        Case("split('a,b,,c', ',')", ["a", "b", "", "c"]), Case("split('héllo', '')", ["h", "é", "l", "l", "o"]),
        Case("split(null, ',')", []),
        Case("join(['a', 1, null, true])", "a1true"), Case("join(trigger.data.tags, ', ')", "a, b, c"),
        Case("contains('hello', 'ell')", true), Case("contains([1, 2], 2)", true), Case("contains({a: 1}, 'a')", true),
        Case("contains(null, 'x')", false), Case("contains('abc', 'x')", false),
        Case("startsWith('hello', 'he')", true), Case("endsWith('hello', 'lo')", true), Case("endsWith('hello', 'x')", false),
        Case("replace('a-b-c', '-', '+')", "a+b+c"), Case("replace('abc', '', 'x')", "abc"),
        Case("substring('héllo', 1, 3)", "éll"), Case("substring('hello', 3)", "lo"), Case("substring('hello', -2)", "lo"),
        Case("substring('hello', 10, 2)", ""), Case("substring('hello', 4, 10)", "o"),
        Case("length('héllo')", 5), Case("length([1, 2])", 2), Case("length({a: 1})", 1), Case("length(null)", 0),
        Case("coalesce(null, trigger.data.manager, 'x', 'y')", "x"), Case("coalesce(null)", nil),
        Case("present('a')", true), Case("present('  ')", false), Case("blank(null)", true), Case("blank(false)", true),
        Case("blank(' \\t')", true), Case("blank([])", true), Case("blank({})", true), Case("blank(0)", false),
        Case("blank('x')", false),
        Case("toNumber('42')", 42), Case("toNumber(' 2.5 ')", 2.5), Case("toNumber('1e3')", 1000), Case("toNumber(7)", 7),
        Case("toNumber('3332883884017713938')", .int(3_332_883_884_017_713_938)), Case("toNumber(null)", nil),
        Case("toString(trigger.data.numericId)", "3332883884017713938"), Case("toString(null)", ""),
        Case("toString(2.0)", "2"), Case("toString(0.1)", "0.1"), Case("toString({a: [1, true]})", #"{"a":[1,true]}"#),
        Case("toBoolean('Yes')", true), Case("toBoolean('0')", false), Case("toBoolean(2)", true), Case("toBoolean(null)", false),
        Case("json({b: 1, a: 'x\"y'})", #"{"b":1,"a":"x\"y"}"#), Case("json('s')", #""s""#),
        Case(#"parseJson('{"id": 3332883884017713938, "x": [1.5, null]}')"#, ["id": .int(3_332_883_884_017_713_938), "x": [1.5, nil]]),
        Case("sha256('abc')", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        Case("uuid()", "00000000-0000-4000-8000-000000000000"),
        Case("keys({b: 1, a: 2})", ["b", "a"]), Case("values({b: 1, a: 2})", [1, 2]), Case("keys(null)", []),
        Case("first([1, 2])", 1), Case("last([1, 2])", 2), Case("first([])", nil), Case("first('abc')", "a"),
        Case("pluck([{id: 1}, {id: 2}, {x: 3}, 4], 'id')", [1, 2, nil, nil]),
        Case("unique([1, '1', 1, [2], [2], {a: 1}, {a: 1}])", [1, "1", [2], ["a": 1]]), Case("unique(null)", []),
        Case("unique([{id: '7', n: 'a'}, {id: '8'}, {id: '7', n: 'b'}, 3], 'id')", [["id": "7", "n": "a"], ["id": "8"], 3]),
        Case("typeOf(null)", "null"), Case("typeOf(1.5)", "number"), Case("typeOf('s')", "string"),
        Case("typeOf([])", "array"), Case("typeOf({})", "object"), Case("typeOf(true)", "boolean"),
        Case("round(2.5)", 3), Case("round(-2.5)", -3), Case("round(3.14159, 2)", 3.14), Case("round(1234, -2)", 1200),
        Case("round(7)", 7), Case("abs(-3)", 3), Case("abs(-2.5)", 2.5),
        Case("min(3, 1, 2)", 1), Case("max(3, 1.5, 2)", 3), Case("max([4, 9, 2])", 9), Case("min([])", nil),
        Case("lookup('integration-settings', {Integration: 'HIBOB', Key: 'X'}).Value", "x-value"),
        Case("lookup('integration-settings', {Integration: 'HIBOB', Key: 5}).Value", "five"),
        Case("lookup('integration-settings', {Integration: 'NONE'})", nil),
    ]

    @Test(arguments: values)
    func evaluates(_ row: Case) throws {
        #expect(try Fixture.evaluate(row.source) == row.expected)
    }

    static let failures: [FailureCase] = [
        FailureCase("lower([1])", "lower: argument must be text, not array"),
        FailureCase("substring('abc', 'x')", "start must be an integer"),
        FailureCase("substring('abc', 0, -1)", "length must not be negative"),
        FailureCase("length(5)", "must be a string, array or object"),
        FailureCase("contains(5, 1)", "first argument must be"),
        FailureCase("toNumber('abc')", "toNumber: 'abc' is not a number"),
        FailureCase("toNumber(true)", "cannot convert boolean to a number"),
        FailureCase("toBoolean('maybe')", "is not a boolean"),
        FailureCase("parseJson('{bad')", "parseJson: invalid JSON"),
        FailureCase("keys([1])", "must be an object, not array"),
        FailureCase("first(3)", "must be an array"),
        FailureCase("unique('abc')", "unique: argument must be an array"),
        FailureCase("randomPassword(8)", "randomPassword: length must be 12 to 128, not 8"),
        FailureCase("randomPassword('x')", "length must be an integer"),
        FailureCase("round('a')", "must be a number"),
        FailureCase("max(1, 'a')", "every argument must be a number"),
        FailureCase("lookup('integration-setings', {Key: 'X'})", "unknown lookup table 'integration-setings'; did you mean 'integration-settings'?"),
        FailureCase("lookup('integration-settings', {Kye: 'X'})", "has no column 'Kye'; did you mean 'Key'?"),
        FailureCase("lookup('integration-settings', 'X')", "criteria must be an object"),
    ]

    @Test(arguments: failures)
    func fails(_ row: FailureCase) throws {
        let message = try Fixture.failure(row.source)
        #expect(message?.contains(row.message) == true, "got \(message ?? "success")")
    }

    static let parseFailures: [FailureCase] = [
        FailureCase("lowr('A')", "unknown function 'lowr'; did you mean 'lower'?"),
        FailureCase("frobnicate(1)", "unknown function 'frobnicate'"),
        FailureCase("lower('a', 'b')", "'lower' takes 1 argument but 2 were given"),
        FailureCase("join()", "'join' takes 1 to 2 arguments but 0 were given"),
        FailureCase("coalesce()", "'coalesce' takes at least 1 argument but 0 were given"),
        FailureCase("now(1)", "'now' takes 0 arguments but 1 was given"),
        FailureCase("trigger.lower('a')", "only functions can be called"),
    ]

    @Test(arguments: parseFailures)
    func parseFails(_ row: FailureCase) {
        let error = Fixture.parseError(row.source)
        #expect(error?.message.contains(row.message) == true, "got \(error?.message ?? "success")")
    }

    @Test func registryListsNames() {
        let names = FunctionRegistry.standard.names
        for name in ["lookup", "lower", "date", "formatDate", "dateAdd", "dateDiff", "sha256", "uuid", "pluck"] {
            #expect(names.contains(name))
        }
        #expect(names == names.sorted())
    }

    @Test func suggestionsUseEditDistance() {
        #expect(Suggestion.closest(to: "formatdate", among: FunctionRegistry.standard.names) == "formatDate")
        #expect(Suggestion.closest(to: "Kye", among: ["Key", "Value"]) == "Key")
        #expect(Suggestion.closest(to: "zzzz", among: FunctionRegistry.standard.names) == nil)
    }
}
