/// Collects the columns and rows of a JSON lookup table, checking shape and limits as it goes.
/// Rows are numbered from 1 in messages ("row 3" is the third element of the array).
struct LookupTableJSONBuilder {
    let name: String
    let limits: LookupTableLimits
    private(set) var columns: [String] = []
    private(set) var rows: [JSONObject] = []
    private(set) var rowLocations: [SourceLocation] = []
    private var columnSet: Set<String> = []

    init(name: String, limits: LookupTableLimits) {
        self.name = name
        self.limits = limits
    }

    /// Form 1: `[{"column": value, ...}, ...]`.
    mutating func readObjectRows(_ items: [JSONNode]) throws(Diagnostic) {
        try checkRowCount(items)
        var cellsByRow: [[String: String]] = []
        for (i, item) in items.enumerated() {
            guard let members = item.members else {
                throw .error("row \(i + 1) is \(item.typeName); expected an object of column values",
                             at: item.location)
            }
            var cells: [String: String] = [:]
            for member in members {
                if cells[member.key] != nil {
                    throw .error("row \(i + 1) has the key '\(member.key)' twice", at: member.keyLocation)
                }
                if !columnSet.contains(member.key) {
                    try addColumn(member.key, at: member.keyLocation)
                }
                cells[member.key] = try text(of: member.value, row: i + 1, column: member.key)
            }
            cellsByRow.append(cells)
            rowLocations.append(item.location)
        }
        rows = cellsByRow.map { cells in
            var row = JSONObject(minimumCapacity: columns.count)
            for column in columns { row[column] = .string(cells[column] ?? "") }
            return row
        }
    }

    /// Form 2: `{"columns": [names], "rows": [[cells], ...]}`.
    mutating func readColumnsAndRows(_ members: [JSONMember], at location: SourceLocation) throws(Diagnostic) {
        for member in members where member.key != "columns" && member.key != "rows" {
            throw .error("unexpected key '\(member.key)' in a JSON lookup table; expected 'columns' and 'rows'",
                         at: member.keyLocation)
        }
        guard let columnsMember = members.first(where: { $0.key == "columns" }) else {
            throw .error("JSON lookup table object has no 'columns' array", at: location)
        }
        guard let names = columnsMember.value.items else {
            throw .error("'columns' must be an array of column names, found \(columnsMember.value.typeName)",
                         at: columnsMember.value.location)
        }
        for name in names {
            guard let text = name.stringValue else {
                throw .error("column names must be strings, found \(name.typeName)", at: name.location)
            }
            try addColumn(text, at: name.location)
        }
        guard let rowsMember = members.first(where: { $0.key == "rows" }) else {
            throw .error("JSON lookup table object has no 'rows' array", at: location)
        }
        guard let items = rowsMember.value.items else {
            throw .error("'rows' must be an array of row arrays, found \(rowsMember.value.typeName)",
                         at: rowsMember.value.location)
        }
        try checkRowCount(items)
        for (i, item) in items.enumerated() {
            guard let cells = item.items else {
                throw .error("row \(i + 1) is \(item.typeName); expected an array of cells", at: item.location)
            }
            guard cells.count == columns.count else {
                throw .error("row \(i + 1) has \(cells.count) cell\(cells.count == 1 ? "" : "s") "
                                + "but there are \(columns.count) columns", at: item.location)
            }
            var row = JSONObject(minimumCapacity: columns.count)
            for (column, cell) in zip(columns, cells) {
                row[column] = .string(try text(of: cell, row: i + 1, column: column))
            }
            rows.append(row)
            rowLocations.append(item.location)
        }
    }

    private mutating func addColumn(_ column: String, at location: SourceLocation) throws(Diagnostic) {
        if column.isEmpty { throw .error("column \(columns.count + 1) has an empty name", at: location) }
        if columnSet.contains(column) { throw .error("duplicate column name '\(column)'", at: location) }
        if columns.count == limits.maxColumns {
            throw .error("table has more than \(limits.maxColumns) columns (the limit)", at: location)
        }
        if column.utf8.count > limits.maxCellBytes {
            throw .error("column name is \(column.utf8.count) bytes, more than the limit of \(limits.maxCellBytes)",
                         at: location)
        }
        columns.append(column)
        columnSet.insert(column)
    }

    private func checkRowCount(_ items: [JSONNode]) throws(Diagnostic) {
        if items.count > limits.maxRows {
            throw .error("table has more than \(limits.maxRows) rows (the limit)", at: items[limits.maxRows].location)
        }
    }

    private func text(of cell: JSONNode, row: Int, column: String) throws(Diagnostic) -> String {
        guard let text = LookupTable.cellText(cell.value) else {
            throw .error("row \(row), column '\(column)': cells must be strings, numbers, booleans or null, "
                            + "not \(cell.typeName == "array" ? "an array" : "an object")", at: cell.location)
        }
        if text.utf8.count > limits.maxCellBytes {
            throw .error("row \(row), column '\(column)': cell is \(text.utf8.count) bytes, "
                            + "more than the limit of \(limits.maxCellBytes)", at: cell.location)
        }
        return text
    }
}
