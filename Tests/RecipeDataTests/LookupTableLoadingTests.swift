import Foundation
import Testing
@testable import RecipeData

/// Limits and directory loading.
@Suite struct LookupTableLoadingTests {
    enum Limit: String, CaseIterable, Sendable {
        case rows, columns, cellBytes, fileBytes
    }

    /// A CSV that is exactly at `n` for the limit, and the limits with that value set to `n`.
    static func csv(at limit: Limit, _ n: Int) -> [UInt8] {
        switch limit {
        case .rows: return Array(("a\n" + String(repeating: "x\n", count: n)).utf8)
        case .columns: return Array(((1...n).map { "c\($0)" }.joined(separator: ",") + "\n").utf8)
        case .cellBytes: return Array(("a\n\"" + String(repeating: "é", count: n / 2) + "\"\n").utf8)
        case .fileBytes: return Array(("a\n" + String(repeating: "y", count: n - 3) + "\n").utf8)
        }
    }

    static func limits(_ limit: Limit, _ n: Int) -> LookupTableLimits {
        var limits = LookupTableLimits()
        switch limit {
        case .rows: limits.maxRows = n
        case .columns: limits.maxColumns = n
        case .cellBytes: limits.maxCellBytes = n
        case .fileBytes: limits.maxFileBytes = n
        }
        return limits
    }

    static let overMessages: [Limit: String] = [
        .rows: "4:1: table has more than 2 rows (the limit)",
        .columns: "1:10: header has 4 columns, more than the limit of 3",
        .cellBytes: "2:1: cell is 6 bytes, more than the limit of 4",
        .fileBytes: "1:1: file is 6 bytes, more than the limit of 5",
    ]

    static let sizes: [Limit: Int] = [.rows: 2, .columns: 3, .cellBytes: 4, .fileBytes: 5]

    @Test(arguments: Limit.allCases)
    func csvLimitIsInclusive(_ limit: Limit) throws {
        let n = Self.sizes[limit]!
        let atLimit = LookupTable.fromCSV(bytes: Self.csv(at: limit, n), name: "t", path: "t.csv", limits: Self.limits(limit, n))
        #expect((try? atLimit.get()) != nil, "exactly at the limit passes")
        let over = LookupTable.fromCSV(bytes: Self.csv(at: limit, n + (limit == .cellBytes ? 2 : 1)), name: "t", path: "t.csv",
                                       limits: Self.limits(limit, n))
        guard case .failure(let diagnostic) = over else {
            Issue.record("one over the limit fails")
            return
        }
        let location = diagnostic.location!
        #expect("\(location.line):\(location.column): \(diagnostic.message)" == Self.overMessages[limit])
    }

    @Test func defaultLimits() {
        let limits = LookupTableLimits.default
        #expect(limits.maxRows == 100_000 && limits.maxColumns == 64)
        #expect(limits.maxCellBytes == 65_536 && limits.maxFileBytes == 33_554_432)
    }

    @Test(arguments: [
        (Limit.rows, 2, JSONValue.array([["a": "1"], ["a": "2"]]), JSONValue.array([["a": "1"], ["a": "2"], ["a": "3"]]),
         "table has more than 2 rows (the limit)"),
        (.columns, 2, ["columns": ["a", "b"], "rows": []], ["columns": ["a", "b", "c"], "rows": []],
         "table has more than 2 columns (the limit)"),
        (.cellBytes, 3, [["a": "abc"]], [["a": "abcd"]], "row 1, column 'a': cell is 4 bytes, more than the limit of 3"),
        (.cellBytes, 3, [["abc": 1]], [["abcd": 1]], "column name is 4 bytes, more than the limit of 3"),
    ] as [(Limit, Int, JSONValue, JSONValue, String)])
    func jsonLimitIsInclusive(_ limit: Limit, _ n: Int, _ atLimit: JSONValue, _ over: JSONValue, _ message: String) {
        let limits = Self.limits(limit, n)
        let at = RecipeData.SourceLocation.file("t.json")
        #expect((try? LookupTable.fromJSON(atLimit, name: "t", path: "t.json", location: at, limits: limits).get()) != nil)
        guard case .failure(let diagnostic) = LookupTable.fromJSON(over, name: "t", path: "t.json", location: at, limits: limits)
        else {
            Issue.record("one over the limit fails")
            return
        }
        #expect(diagnostic.message == message)
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/tables/mixed")

    /// Stands in for the JSON parser: teams.json only (countries.json is a duplicate name
    /// and must never reach the parser).
    static func fakeParser(_ file: SourceFile) throws -> JSONNode {
        guard file.path == "lookup-tables/teams.json" else {
            throw Diagnostic.error("unexpected parse of \(file.path)", at: .file(file.path))
        }
        #expect(String(decoding: file.bytes, as: UTF8.self).contains("Finance"))
        let at = RecipeData.SourceLocation.file(file.path)
        func row(_ cells: [JSONNode.Kind]) -> JSONNode { JSONNode(.array(cells.map { JSONNode($0, at: at) }), at: at) }
        return JSONNode(.object([
            JSONMember(key: "columns", keyLocation: at, value: row([.string("Id"), .string("Team")])),
            JSONMember(key: "rows", keyLocation: at, value: JSONNode(.array([
                row([.string("1"), .string("People")]), row([.number(.int(2)), .string("Finance")]),
            ]), at: at)),
        ]), at: at)
    }

    @Test func loadsGoodFilesAndReportsBadOnes() {
        let (set, diagnostics) = LookupTableSet.load(directory: Self.fixtures, displayPath: "lookup-tables",
                                                     parseJSON: Self.fakeParser)
        #expect(set.names == ["countries", "integration-settings", "teams"])
        #expect(set["countries"]?.firstRow(matching: [("Code", "FR")])?["Name"] == "France")
        #expect(set["teams"]?.firstRow(matching: [("Id", "2")])?["Team"] == "Finance")
        #expect(set["integration-settings"]?.firstRow(matching: [("Integration", "HIBOB"), ("Key", "PAGE_SIZE")])?["Value"] == "100")
        #expect(diagnostics.map(\.description) == [
            "lookup-tables/broken.csv:3:4: error: unterminated quoted field: no closing quote before the end of the file",
            "lookup-tables/countries.json:1:1: error: lookup table 'countries' is defined twice; this file is ignored\n"
                + "lookup-tables/countries.csv:1:1: note: 'countries' first defined here",
        ])
    }

    @Test func jsonFilesWithoutParserAreSkippedWithAWarning() {
        let (set, diagnostics) = LookupTableSet.load(directory: Self.fixtures, displayPath: "lookup-tables")
        #expect(set.names == ["countries", "integration-settings"])
        #expect(diagnostics.filter { $0.severity == .warning }.map(\.description) == [
            "lookup-tables/teams.json:1:1: warning: JSON lookup tables are not supported yet; 'teams' is not loaded",
        ])
        #expect(diagnostics.filter { $0.severity == .error }.count == 2)
    }

    @Test func missingDirectoryIsEmpty() {
        let (set, diagnostics) = LookupTableSet.load(
            directory: Self.fixtures.appendingPathComponent("does-not-exist"), displayPath: "lookup-tables")
        #expect(set.names.isEmpty && diagnostics.isEmpty)
    }

    @Test func oversizedFileIsReportedWithoutParsing() {
        var limits = LookupTableLimits()
        limits.maxFileBytes = 100
        let (set, diagnostics) = LookupTableSet.load(directory: Self.fixtures, displayPath: "tables", limits: limits)
        #expect(set.names == ["countries"])
        #expect(diagnostics.map(\.description).contains(
            "tables/integration-settings.csv:1:1: error: file is 152 bytes, more than the limit of 100"))
    }
}
