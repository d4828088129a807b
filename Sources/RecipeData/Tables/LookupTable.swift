/// A lookup table loaded from `lookup-tables/<name>.csv` or `.json`: named columns and rows of
/// string cells, indexed so `lookup(table, {column: value})` does not scan every row.
///
/// PLACEHOLDER (first session skeleton): linear search; the indexed version replaces it.
public struct LookupTable: Sendable {
    public let name: String
    public let columns: [String]
    /// Rows as objects keyed by column name, in file order.
    public let rows: [JSONObject]
    /// Where the table came from, for messages.
    public let location: SourceLocation

    public init(name: String, columns: [String], rows: [JSONObject], location: SourceLocation) {
        self.name = name
        self.columns = columns
        self.rows = rows
        self.location = location
    }

    /// The first row whose cells equal every `(column, value)` criterion, or `nil`.
    /// Values compare as text, so the number `5` matches the cell `"5"`.
    public func firstRow(matching criteria: [(column: String, value: String)]) -> JSONObject? {
        rows.first { row in criteria.allSatisfy { row[$0.column]?.stringValue == $0.value } }
    }
}

/// Every lookup table of a project, by name.
public struct LookupTableSet: Sendable {
    public private(set) var tables: [String: LookupTable]

    public init(_ tables: [LookupTable] = []) {
        var byName: [String: LookupTable] = [:]
        for table in tables { byName[table.name] = table }
        self.tables = byName
    }

    public subscript(name: String) -> LookupTable? { tables[name] }
    public var names: [String] { tables.keys.sorted() }
}
