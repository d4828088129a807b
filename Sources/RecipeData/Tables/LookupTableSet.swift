/// Every lookup table of a project, by name.
public struct LookupTableSet: Sendable {
    public private(set) var tables: [String: LookupTable]

    /// A set of tables; when two share a name, the later one wins (`load` reports such clashes).
    public init(_ tables: [LookupTable] = []) {
        var byName: [String: LookupTable] = [:]
        for table in tables { byName[table.name] = table }
        self.tables = byName
    }

    /// The table with this name, or `nil`.
    public subscript(name: String) -> LookupTable? { tables[name] }

    /// Table names in ascending order.
    public var names: [String] { tables.keys.sorted() }
}
