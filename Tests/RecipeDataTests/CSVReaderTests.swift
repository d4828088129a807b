import Testing
@testable import RecipeData

@Suite struct CSVReaderTests {
    struct Good: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var header: [String]
        var records: [[String]]
        var testDescription: String { name }
    }

    static let good: [Good] = [
        Good(name: "LF", text: "a,b\n1,2\n", header: ["a", "b"], records: [["1", "2"]]),
        Good(name: "CRLF", text: "a,b\r\n1,2\r\n3,4\r\n", header: ["a", "b"], records: [["1", "2"], ["3", "4"]]),
        Good(name: "no final newline", text: "a,b\n1,2", header: ["a", "b"], records: [["1", "2"]]),
        Good(name: "header only", text: "a,b\n", header: ["a", "b"], records: []),
        Good(name: "empty fields", text: "a,b,c\n,,\n", header: ["a", "b", "c"], records: [["", "", ""]]),
        Good(name: "quoted comma", text: "a,b\n\"x,y\",z\n", header: ["a", "b"], records: [["x,y", "z"]]),
        Good(name: "doubled quotes", text: "a\n\"say \"\"hi\"\"\"\n", header: ["a"], records: [["say \"hi\""]]),
        Good(name: "embedded LF", text: "a,b\n\"line1\nline2\",z\n", header: ["a", "b"], records: [["line1\nline2", "z"]]),
        Good(name: "embedded CRLF", text: "a\r\n\"1\r\n2\"\r\n", header: ["a"], records: [["1\r\n2"]]),
        Good(name: "empty quoted", text: "a,b\n\"\",x\n", header: ["a", "b"], records: [["", "x"]]),
        Good(name: "quoted header", text: "\"a b\",\"c\"\n1,2\n", header: ["a b", "c"], records: [["1", "2"]]),
        Good(name: "BOM", text: "\u{FEFF}a,b\n1,2\n", header: ["a", "b"], records: [["1", "2"]]),
        Good(name: "trailing empty lines", text: "a\n1\n\n\r\n\n", header: ["a"], records: [["1"]]),
        Good(name: "spaces kept", text: "a,b\n 1 , 2\n", header: ["a", "b"], records: [[" 1 ", " 2"]]),
        Good(name: "bare CR is text", text: "a\nx\ry\n", header: ["a"], records: [["x\ry"]]),
        Good(name: "unicode", text: "név,ciudad\nÁrvíztűrő,São Paulo 🌆\n", header: ["név", "ciudad"],
             records: [["Árvíztűrő", "São Paulo 🌆"]]),
    ]

    @Test(arguments: good)
    func readsValidCSV(_ c: Good) throws {
        let document = try CSVReader.read(Array(c.text.utf8), path: "t.csv").get()
        #expect(document.header == c.header)
        #expect(document.records.map(\.fields) == c.records)
    }

    @Test func recordsKnowTheirLineAndRow() throws {
        let text = "a,b\n1,2\n\"x\ny\",3\n4,5\n"
        let document = try CSVReader.read(Array(text.utf8), path: "t.csv").get()
        #expect(document.records.map(\.location.line) == [2, 3, 5])
        #expect(document.records.map(\.row) == [2, 3, 4])
        #expect(document.records.map(\.location.column) == [1, 1, 1])
        #expect(document.headerLocations.map(\.column) == [1, 3])
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        /// `line:column: message` expected.
        var expected: String
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ expected: String) {
            self.init(name, Array(text.utf8), expected)
        }

        init(_ name: String, _ bytes: [UInt8], _ expected: String) {
            self.name = name
            self.bytes = bytes
            self.expected = expected
        }
    }

    static let bad: [Bad] = [
        Bad("unterminated quote", "a,b\n1,\"open\n2,3\n", "2:3: unterminated quoted field: no closing quote before the end of the file"),
        Bad("quote in unquoted field", "a,b\n1,x\"y\n",
            "2:4: quote inside an unquoted field; quote the whole field and double the quote (\"\")"),
        Bad("text after closing quote", "a,b\n\"x\"y,2\n", "2:4: unexpected text after the closing quote of a quoted field"),
        Bad("too few fields", "a,b,c\n1,2,3\n1,2,3\n1,2\n", "4:1: row 4 has 2 fields but the header has 3"),
        Bad("too many fields", "a\n1,2\n", "2:1: row 2 has 2 fields but the header has 1"),
        Bad("row after multi-line field", "a,b\n\"x\ny\",1\n2\n", "4:1: row 3 has 1 field but the header has 2"),
        Bad("blank line in the middle", "a,b\n1,2\n\n3,4\n", "3:1: row 3 has 1 field but the header has 2"),
        Bad("empty column name", "a,,c\n", "1:3: column 2 has an empty name"),
        Bad("duplicate column name", "id,name,id\n", "1:9: duplicate column name 'id'"),
        Bad("empty file", "", "1:1: empty CSV file: expected a header row with the column names"),
        Bad("only line breaks", "\n\r\n", "1:1: empty CSV file: expected a header row with the column names"),
        Bad("invalid UTF-8", [UInt8]("a,b\nxé,".utf8) + [0xFF] + [UInt8]("\n".utf8), "2:4: invalid UTF-8 (byte 0xFF)"),
        Bad("truncated UTF-8", [UInt8]("a\n".utf8) + [0xE2, 0x82], "2:1: invalid UTF-8 (byte 0xE2)"),
        Bad("overlong UTF-8", [UInt8]("a\n".utf8) + [0xC0, 0xAF], "2:1: invalid UTF-8 (byte 0xC0)"),
        Bad("surrogate UTF-8", [UInt8]("a\n".utf8) + [0xED, 0xA0, 0x80], "2:1: invalid UTF-8 (byte 0xED)"),
        Bad("column after BOM", [0xEF, 0xBB, 0xBF] + [UInt8]("a,\"b\n".utf8), "1:3: unterminated quoted field: no closing quote before the end of the file"),
        Bad("column counts scalars", "name\n\"é\"x\n", "2:4: unexpected text after the closing quote of a quoted field"),
    ]

    @Test(arguments: bad)
    func reportsLocatedErrors(_ c: Bad) {
        switch CSVReader.read(c.bytes, path: "t.csv") {
        case .success(let document):
            Issue.record("expected an error, got \(document)")
        case .failure(let diagnostic):
            let location = diagnostic.location
            #expect(location?.file == "t.csv")
            #expect("\(location?.line ?? 0):\(location?.column ?? 0): \(diagnostic.message)" == c.expected)
        }
    }

    @Test func duplicateColumnNotesFirstUse() throws {
        guard case .failure(let diagnostic) = CSVReader.read(Array("id,id\n".utf8), path: "t.csv") else {
            Issue.record("expected an error")
            return
        }
        #expect(diagnostic.description == "t.csv:1:4: error: duplicate column name 'id'\nt.csv:1:1: note: 'id' first used here")
    }
}
