/// JSON lookup tables, in either of two forms:
///
///     [{"Integration": "HIBOB", "Key": "MAIL", "Value": "a@example.com"}, ...]
///     {"columns": ["Integration", "Key", "Value"], "rows": [["HIBOB", "MAIL", "a@example.com"]]}
///
/// In the first form the columns are the union of the keys in first-seen order, and a row
/// without a key gets the empty string. Cells must be scalars and become text: numbers in
/// canonical form (`5`, `1.5`), booleans `true`/`false`, null the empty string.
extension LookupTable {
    /// Reads a table from a parsed JSON value. Values carry no positions, so every problem is
    /// located at `location` and names the row ("row 3"; rows are numbered from 1).
    public static func fromJSON(
        _ value: JSONValue, name: String, path: String, location: SourceLocation,
        limits: LookupTableLimits = .default
    ) -> Result<LookupTable, Diagnostic> {
        fromJSON(locatedNode(value, at: location), name: name, path: path, limits: limits)
    }

    /// Reads a table from a located JSON node; problems point at the offending row or cell.
    public static func fromJSON(
        _ node: JSONNode, name: String, path: String, limits: LookupTableLimits = .default
    ) -> Result<LookupTable, Diagnostic> {
        Result { () throws(Diagnostic) in
            var builder = LookupTableJSONBuilder(name: name, limits: limits)
            if let items = node.items {
                try builder.readObjectRows(items)
            } else if let members = node.members {
                try builder.readColumnsAndRows(members, at: node.location)
            } else {
                throw .error(
                    "a JSON lookup table must be an array of row objects or an object with "
                        + "'columns' and 'rows', found \(node.typeName)",
                    at: node.location)
            }
            return LookupTable(
                name: name, columns: builder.columns, rows: builder.rows, location: node.location,
                rowLocations: builder.rowLocations)
        }
    }

    /// The text a cell compares as: strings as they are, numbers canonical, booleans
    /// `true`/`false`, null the empty string; `nil` for arrays and objects.
    public static func cellText(_ value: JSONValue) -> String? {
        switch value {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d):
            if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
            return "\(d)"
        case .string(let s): return s
        case .array, .object: return nil
        }
    }
}

/// A node for a plain value, every part located at `location` (values carry no positions).
private func locatedNode(_ value: JSONValue, at location: SourceLocation) -> JSONNode {
    let kind: JSONNode.Kind
    switch value {
    case .null: kind = .null
    case .bool(let b): kind = .bool(b)
    case .int, .double: kind = .number(value)
    case .string(let s): kind = .string(s)
    case .array(let items): kind = .array(items.map { locatedNode($0, at: location) })
    case .object(let object):
        kind = .object(object.map {
            JSONMember(key: $0.key, keyLocation: location, value: locatedNode($0.value, at: location))
        })
    }
    return JSONNode(kind, at: location)
}
