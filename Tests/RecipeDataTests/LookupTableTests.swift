import Foundation
import Testing
@testable import RecipeData

@Suite struct LookupTableTests {
    static let settingsCSV = """
        Integration,Key,Value
        HIBOB,NOTIFICATION_MAIL_ID,integrations-alerts@example.com
        HIBOB,PAGE_SIZE,100
        WORKDAY,NOTIFICATION_MAIL_ID,wd-alerts@example.com
        HIBOB,PAGE_SIZE,200

        """

    static func settings() throws -> LookupTable {
        try LookupTable.fromCSV(bytes: Array(settingsCSV.utf8), name: "settings", path: "lookup-tables/settings.csv").get()
    }

    struct Query: CustomTestStringConvertible, Sendable {
        var criteria: [(column: String, value: String)]
        var first: String?
        var all: [String]
        var testDescription: String { criteria.map { "\($0.column)=\($0.value)" }.joined(separator: "&") }
    }

    static let queries: [Query] = [
        Query(criteria: [("Integration", "HIBOB"), ("Key", "NOTIFICATION_MAIL_ID")],
              first: "integrations-alerts@example.com", all: ["integrations-alerts@example.com"]),
        Query(criteria: [("Key", "NOTIFICATION_MAIL_ID"), ("Integration", "WORKDAY")],
              first: "wd-alerts@example.com", all: ["wd-alerts@example.com"]),
        Query(criteria: [("Key", "PAGE_SIZE")], first: "100", all: ["100", "200"]),
        Query(criteria: [("Integration", "HIBOB")], first: "integrations-alerts@example.com",
              all: ["integrations-alerts@example.com", "100", "200"]),
        Query(criteria: [("Integration", "hibob")], first: nil, all: []),
        Query(criteria: [("Integration", "HIBOB"), ("Integration", "WORKDAY")], first: nil, all: []),
        Query(criteria: [("Integration", "HIBOB"), ("Nope", "x")], first: nil, all: []),
        Query(criteria: [("Value", "100")], first: "100", all: ["100"]),
        Query(criteria: [], first: "integrations-alerts@example.com",
              all: ["integrations-alerts@example.com", "100", "wd-alerts@example.com", "200"]),
    ]

    @Test(arguments: queries)
    func findsRows(_ q: Query) throws {
        let table = try Self.settings()
        #expect(table.firstRow(matching: q.criteria)?["Value"]?.stringValue == q.first)
        #expect(table.rows(matching: q.criteria).map { $0["Value"]?.stringValue } == q.all)
    }

    @Test func tableShape() throws {
        let table = try Self.settings()
        #expect(table.columns == ["Integration", "Key", "Value"])
        #expect(table.rows.count == 4)
        #expect(table.hasColumn("Key") && !table.hasColumn("key"))
        #expect(table.rowLocations.map(\.line) == [2, 3, 4, 5])
        #expect(table.rowLocations[0].file == "lookup-tables/settings.csv")
        #expect(table.rows[0]["Key"] == .string("NOTIFICATION_MAIL_ID"))
    }

    @Test func nonStringCellsCompareAsText() {
        let table = LookupTable(
            name: "t", columns: ["id", "flag", "x"],
            rows: [["id": 5, "flag": true, "x": 1.5], ["id": 6, "flag": false, "x": nil]],
            location: .file("t"))
        #expect(table.firstRow(matching: [("id", "5")])?["x"] == .double(1.5))
        #expect(table.firstRow(matching: [("flag", "false")])?["id"] == .int(6))
        #expect(table.firstRow(matching: [("x", "1.5")])?["id"] == .int(5))
        #expect(table.firstRow(matching: [("x", "")])?["id"] == .int(6))
        #expect(table.firstRow(matching: [("id", "5.0")]) == nil)
    }

    @Test(arguments: [
        (JSONValue.int(5), "5"), (.int(-12), "-12"), (.double(2.0), "2"), (.double(1.5), "1.5"),
        (.double(-0.25), "-0.25"), (.double(1e20), "1e+20"), (.bool(true), "true"), (.null, ""),
        (.string("x"), "x"),
    ])
    func cellText(_ value: JSONValue, _ text: String) {
        #expect(LookupTable.cellText(value) == text)
    }

    @Test func indexAgreesWithLinearScan() {
        var rows: [JSONObject] = []
        for i in 0..<10_000 {
            rows.append([
                "id": .string(String(i)),
                "bucket": .string(String(i % 7)),
                "group": .string(String((i * 7_919) % 13)),
                "rare": .string(i % 1_000 == 0 ? "yes" : "no"),
            ])
        }
        let table = LookupTable(name: "big", columns: ["id", "bucket", "group", "rare"], rows: rows, location: .file("big"))
        var queries: [[(column: String, value: String)]] = []
        for b in 0..<8 {
            queries.append([("bucket", String(b))])
            for g in stride(from: 0, to: 14, by: 3) {
                queries.append([("bucket", String(b)), ("group", String(g))])
                queries.append([("group", String(g)), ("rare", "yes"), ("bucket", String(b))])
            }
        }
        queries += [[("id", "9999")], [("id", "4242"), ("bucket", "0")], [("id", "4242"), ("bucket", "1")], [("rare", "yes")]]
        for criteria in queries {
            let expected = rows.indices.filter { i in criteria.allSatisfy { rows[i][$0.column]?.stringValue == $0.value } }
            #expect(table.rowIndices(matching: criteria) == expected)
            #expect(table.firstRow(matching: criteria) == expected.first.map { rows[$0] })
        }
    }

    @Test func repositorySettingsTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let (set, diagnostics) = LookupTableSet.load(
            directory: root.appendingPathComponent("lookup-tables"), displayPath: "lookup-tables")
        #expect(diagnostics.isEmpty)
        let row = set["integration-settings"]?.firstRow(matching: [("Integration", "HIBOB"), ("Key", "NOTIFICATION_MAIL_ID")])
        #expect(row?["Value"] == .string("integrations-alerts@example.com"))
    }
}
