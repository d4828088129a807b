import RecipeData
import Testing

struct JSONParserTests {
    static func node(_ text: String, limits: JSONLimits = .default) throws(JSONSyntaxError) -> JSONNode {
        try JSONParser.parseNode(SourceFile(path: "f.json", text: text), limits: limits)
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let input: String
        let line: Int
        let column: Int
        let message: String
        var testDescription: String { input }
    }

    static let errors: [ErrorCase] = [
        ErrorCase(input: "{\n  \"a\": 1,\n}", line: 2, column: 9, message: "trailing commas are not allowed"),
        ErrorCase(input: "[01]", line: 1, column: 2, message: "leading zeros are not allowed in numbers"),
        ErrorCase(input: "{\"a\": \"x\ny\"}", line: 1, column: 9, message: "control character U+000A must be escaped in a string"),
        ErrorCase(input: "\"abc", line: 1, column: 1, message: "unterminated string"),
        ErrorCase(input: "[1] x", line: 1, column: 5, message: "unexpected text after the JSON value"),
        ErrorCase(input: "{'a': 1}", line: 1, column: 2, message: "strings must use double quotes"),
        ErrorCase(input: "// c\n{}", line: 1, column: 1, message: "comments are not allowed in JSON"),
        ErrorCase(input: "[\"\\ud800\"]", line: 1, column: 3, message: "lone surrogate \\uD800"),
        ErrorCase(input: "[1e999]", line: 1, column: 2, message: "number out of range"),
        ErrorCase(input: "[\"é\", tru]", line: 1, column: 7, message: "invalid literal 'tru'"),
    ]

    @Test(arguments: errors)
    func errorsAreLocatedWhereTheProblemIs(_ example: ErrorCase) {
        do {
            _ = try Self.node(example.input)
            Issue.record("accepted \(example.input)")
        } catch {
            #expect(error.location.file == "f.json")
            #expect(error.location.line == example.line)
            #expect(error.location.column == example.column)
            #expect(error.message.hasPrefix(example.message), "\(error.message)")
            #expect(error.diagnostic.description.hasPrefix("f.json:\(example.line):\(example.column): error: "))
        }
    }

    @Test func everyValueAndKeyKeepsItsLocation() throws {
        let root = try Self.node("{\n  \"name\": \"Ada\",\n  \"é\": [true, null]\n}")
        let members = try #require(root.members)
        #expect(members.map(\.key) == ["name", "é"])
        #expect(members[0].keyLocation.line == 2 && members[0].keyLocation.column == 3)
        #expect(members[0].value.location.line == 2 && members[0].value.location.column == 11)
        // Columns count Unicode scalars: "é" is one column although it is two bytes.
        let items = try #require(members[1].value.items)
        #expect(items[1].location.line == 3 && items[1].location.column == 15)
        #expect(items[1].location.offset == 34)
    }

    @Test func nineteenDigitIntegersStayExactAndLargerOnesBecomeDoubles() throws {
        let value = try JSONParser.parseValue("[3332883894235038486, -9223372036854775808, 92233720368547758080, 1.5, -0]")
        #expect(value == [.int(3_332_883_894_235_038_486), .int(Int.min), .double(92_233_720_368_547_758_080), 1.5, 0])
        #expect(value.jsonString() == "[3332883894235038486,-9223372036854775808,9.223372036854776e+19,1.5,0]")
    }

    @Test func duplicateKeysAreKeptInNodesAndLastWinsInValues() throws {
        let text = #"{"a": 1, "a": 2}"#
        #expect(try Self.node(text).members?.map(\.value.value) == [1, 2])
        #expect(try JSONParser.parseValue(text) == ["a": 2])
    }

    @Test(arguments: [(512, true), (513, false)])
    func depthLimit(_ depth: Int, _ accepted: Bool) {
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let nodeAccepted = (try? Self.node(text)) != nil
        #expect(nodeAccepted == accepted)
        do {
            _ = try JSONParser.parseValue(text)
            #expect(accepted)
        } catch {
            #expect(!accepted)
            #expect(error.message == "nesting deeper than 512 levels")
        }
    }

    @Test func veryDeepInputIsALimitErrorNotACrash() {
        let text = String(repeating: "[", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try Self.node(text) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parseValue(text) }
    }

    @Test(arguments: [(10, true), (11, false)])
    func sizeLimit(_ size: Int, _ accepted: Bool) {
        let text = "\"" + String(repeating: "a", count: size - 2) + "\""
        let limits = JSONLimits(maxBytes: 10)
        do {
            _ = try JSONParser.parseValue(text, limits: limits)
            #expect(accepted)
        } catch {
            #expect(!accepted)
        }
    }
}

struct JSONWriterTests {
    static let sample: JSONValue = [
        "id": "3332883894235038486", "name": "Zoë \"Z\" O'Neil\n", "tags": [], "meta": [:],
        "scores": [1, 2.5, -3], "active": true, "manager": nil,
    ]

    @Test func compactOutputKeepsKeyOrderAndEscapesOnlyWhatJSONNeeds() {
        #expect(
            Self.sample.jsonString()
                == #"{"id":"3332883894235038486","name":"Zoë \"Z\" O'Neil\n","tags":[],"meta":{},"scores":[1,2.5,-3],"active":true,"manager":null}"#
        )
        #expect(JSONValue.string("\u{1}\t/").jsonString() == #""\u0001\t/""#)
    }

    @Test func prettyOutputIsWhatPeopleCommit() {
        let expected = """
            {
              "id": "3332883894235038486",
              "name": "Zoë \\"Z\\" O'Neil\\n",
              "tags": [],
              "meta": {},
              "scores": [
                1,
                2.5,
                -3
              ],
              "active": true,
              "manager": null
            }
            """
        #expect(Self.sample.jsonString(pretty: true) == expected)
    }

    @Test(arguments: [sample, "", 0, -1.25e-7, [[[]]], ["k": ["é": "\u{10FFFF}"]]] as [JSONValue])
    func roundTrips(_ value: JSONValue) throws {
        #expect(try JSONParser.parseValue(value.jsonString()) == value)
        #expect(try JSONParser.parseValue(value.jsonString(pretty: true)) == value)
    }
}

struct SourceFileTests {
    @Test(arguments: [
        // (file text, decoded offset, expected line, expected column)
        (#""abc{{ x }}""#, 5, 1, 7),
        (#""\n\t{{ x }}""#, 2, 1, 6),
        (#""\u00e9{{ x }}""#, 2, 1, 8),
        (#""\ud83d\ude00{{ x }}""#, 4, 1, 14),
        ("{\n  \"k\": \"é {{ y }}\"\n}", 6, 2, 14),
    ])
    func mapsOffsetsInsideStringLiteralsToTheFile(_ text: String, _ offset: Int, _ line: Int, _ column: Int) throws {
        let file = SourceFile(path: "f.json", text: text)
        let root = try JSONParser.parseNode(file)
        let literal = root.stringValue != nil ? root : try #require(root.members?.first?.value)
        let location = file.location(inStringLiteralAt: literal.location, decodedUTF8Offset: offset)
        #expect(location.line == line)
        #expect(location.column == column)
    }

    /// The resuming mapper answers exactly like the one-shot one, whatever order offsets come in.
    @Test func resumingMapperAgreesWithTheOneShotMapping() throws {
        let file = SourceFile(path: "f.json", text: #"{"k": "a\n\u00e9é\ud83d\ude00 {{ x + 'ü' }} end"}"#)
        let literal = try #require(JSONParser.parseNode(file).members?.first?.value)
        let decodedLength = try #require(literal.stringValue).utf8.count
        let offsets = Array(0...decodedLength + 2) + [7, 3, 0, 30, 12, 12, 1]
        let map = file.locations(inStringLiteralAt: literal.location)
        for offset in offsets {
            #expect(map(offset) == file.location(inStringLiteralAt: literal.location, decodedUTF8Offset: offset), "offset \(offset)")
        }
    }
}
