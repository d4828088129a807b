import Testing
@testable import RecipeData

/// JSON lookup tables (built from `JSONValue`s: the JSON parser lives elsewhere).
@Suite struct LookupTableJSONTests {
    static let location = RecipeData.SourceLocation(file: "lookup-tables/t.json", line: 1, column: 1)

    static func table(_ value: JSONValue, limits: LookupTableLimits = .default) -> Result<LookupTable, Diagnostic> {
        LookupTable.fromJSON(value, name: "t", path: "lookup-tables/t.json", location: location, limits: limits)
    }

    @Test func arrayOfObjects() throws {
        let table = try Self.table([
            ["Code": "FR", "Population": 68_000_000],
            ["Code": "DE", "EU": true, "Ratio": 1.5],
            ["Population": 2.0, "Code": nil],
        ]).get()
        #expect(table.columns == ["Code", "Population", "EU", "Ratio"])
        #expect(table.rows[0] == ["Code": "FR", "Population": "68000000", "EU": "", "Ratio": ""])
        #expect(table.rows[1] == ["Code": "DE", "Population": "", "EU": "true", "Ratio": "1.5"])
        #expect(table.rows[2] == ["Code": "", "Population": "2", "EU": "", "Ratio": ""])
        #expect(table.rows[1].keys == table.columns)
        #expect(table.firstRow(matching: [("Population", "68000000")])?["Code"] == "FR")
    }

    @Test func columnsAndRows() throws {
        let table = try Self.table(["columns": ["Id", "Team"], "rows": [["1", "People"], [2, "Finance"]]]).get()
        #expect(table.columns == ["Id", "Team"])
        #expect(table.firstRow(matching: [("Id", "2")])?["Team"] == "Finance")
        #expect(table.rows.count == 2)
    }

    @Test func emptyArrayIsAnEmptyTable() throws {
        let table = try Self.table([]).get()
        #expect(table.columns.isEmpty && table.rows.isEmpty)
    }

    @Test(arguments: [
        (JSONValue.string("x"), "a JSON lookup table must be an array of row objects or an object with 'columns' and 'rows', found string"),
        ([["a": "1"], "b"], "row 2 is string; expected an object of column values"),
        ([["a": "1"], ["a": ["nested": 1]]], "row 2, column 'a': cells must be strings, numbers, booleans or null, not an object"),
        ([["a": [1, 2]]], "row 1, column 'a': cells must be strings, numbers, booleans or null, not an array"),
        ([["": "1"]], "column 1 has an empty name"),
        (["columns": ["a"], "rows": [["1"], ["1", "2"]]], "row 2 has 2 cells but there are 1 columns"),
        (["columns": ["a"], "rows": [["1"], "x"]], "row 2 is string; expected an array of cells"),
        (["columns": ["a", "a"], "rows": []], "duplicate column name 'a'"),
        (["columns": ["a", 1], "rows": []], "column names must be strings, found number"),
        (["columns": ["a"]], "JSON lookup table object has no 'rows' array"),
        (["rows": []], "JSON lookup table object has no 'columns' array"),
        (["columns": "a", "rows": []], "'columns' must be an array of column names, found string"),
        (["columns": ["a"], "rows": [], "extra": 1], "unexpected key 'extra' in a JSON lookup table; expected 'columns' and 'rows'"),
        (["columns": ["a"], "rows": [[[1]]]], "row 1, column 'a': cells must be strings, numbers, booleans or null, not an array"),
    ] as [(JSONValue, String)])
    func rejectsBadShapes(_ value: JSONValue, _ message: String) {
        guard case .failure(let diagnostic) = Self.table(value) else {
            Issue.record("expected an error")
            return
        }
        #expect(diagnostic.message == message)
        #expect(diagnostic.location == Self.location)
    }

    @Test func locatedNodesGiveRowLocations() throws {
        func at(_ line: Int, _ column: Int) -> RecipeData.SourceLocation { RecipeData.SourceLocation(file: "t.json", line: line, column: column) }
        func str(_ s: String, _ line: Int) -> JSONNode { JSONNode(.string(s), at: at(line, 10)) }
        let row1 = JSONNode(.object([JSONMember(key: "a", keyLocation: at(2, 4), value: str("1", 2))]), at: at(2, 3))
        let row2 = JSONNode(.object([JSONMember(key: "a", keyLocation: at(3, 4), value: JSONNode(.array([]), at: at(3, 9)))]),
                            at: at(3, 3))
        let good = try LookupTable.fromJSON(JSONNode(.array([row1]), at: at(1, 1)), name: "t", path: "t.json").get()
        #expect(good.rowLocations == [at(2, 3)])
        guard case .failure(let diagnostic) = LookupTable.fromJSON(JSONNode(.array([row1, row2]), at: at(1, 1)), name: "t", path: "t.json")
        else {
            Issue.record("expected an error")
            return
        }
        #expect(diagnostic.description.hasPrefix("t.json:3:9: error: row 2, column 'a'"))
    }
}
