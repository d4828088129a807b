/// A lookup table loaded from `lookup-tables/<name>.csv` or `.json`: named columns and rows of
/// string cells, indexed so `lookup(table, {column: value})` does not scan every row.
///
/// Every column is indexed once, when the table is made: for each distinct cell text, the
/// rows holding it, in order. A query walks only the rows of its most selective criterion.
public struct LookupTable: Sendable {
    public let name: String
    public let columns: [String]
    /// Rows as objects keyed by column name, in file order.
    public let rows: [JSONObject]
    /// Where the table came from, for messages.
    public let location: SourceLocation
    /// Where each row starts in its file (one per row); the table's location when unknown.
    public let rowLocations: [SourceLocation]

    private let columnSet: Set<String>
    private let index: [String: ColumnIndex]

    /// Makes a table and builds its index. Cells are compared as text (see `cellText(_:)`);
    /// a row without a member for a column never matches a criterion on that column.
    public init(
        name: String, columns: [String], rows: [JSONObject], location: SourceLocation,
        rowLocations: [SourceLocation]? = nil
    ) {
        self.name = name
        self.columns = columns
        self.rows = rows
        self.location = location
        self.rowLocations = rowLocations ?? Array(repeating: location, count: rows.count)
        self.columnSet = Set(columns)
        var index: [String: ColumnIndex] = [:]
        for column in columnSet {
            index[column] = ColumnIndex(column: column, rows: rows)
        }
        self.index = index
    }

    /// Whether the table has a column with this exact name.
    public func hasColumn(_ column: String) -> Bool { columnSet.contains(column) }

    /// The first row whose cells equal every `(column, value)` criterion, or `nil`.
    /// Values compare as text, so the number `5` matches the cell `"5"`. A criterion on a
    /// column the table lacks matches nothing; no criteria match the first row.
    public func firstRow(matching criteria: [(column: String, value: String)]) -> JSONObject? {
        var first: Int?
        forEachRowIndex(matching: criteria) { i in
            first = i
            return false
        }
        return first.map { rows[$0] }
    }

    /// Every row matching all criteria, in table order.
    public func rows(matching criteria: [(column: String, value: String)]) -> [JSONObject] {
        rowIndices(matching: criteria).map { rows[$0] }
    }

    /// The 0-based indices of every row matching all criteria, in table order.
    public func rowIndices(matching criteria: [(column: String, value: String)]) -> [Int] {
        var found: [Int] = []
        forEachRowIndex(matching: criteria) { i in
            found.append(i)
            return true
        }
        return found
    }

    /// Calls `body` with each matching row index in order until it returns `false`.
    private func forEachRowIndex(
        matching criteria: [(column: String, value: String)], _ body: (Int) -> Bool
    ) {
        guard !criteria.isEmpty else {
            for i in rows.indices where !body(i) { return }
            return
        }
        // Pick the criterion with the fewest candidate rows.
        var best: (criterion: Int, column: ColumnIndex, entry: ColumnIndex.Entry)?
        for (k, criterion) in criteria.enumerated() {
            guard let column = index[criterion.column], let entry = column.heads[criterion.value] else {
                return
            }
            if best == nil || entry.count < best!.entry.count { best = (k, column, entry) }
        }
        guard let best else { return }
        var row = best.entry.first
        while row >= 0 {
            let matches = criteria.indices.allSatisfy { k in
                k == best.criterion || rows[row][criteria[k].column].flatMap(Self.cellText) == criteria[k].value
            }
            if matches && !body(row) { return }
            row = best.column.next[row]
        }
    }
}

/// The rows of one column grouped by cell text: a chain of row numbers per distinct value.
private struct ColumnIndex: Sendable {
    struct Entry: Sendable {
        var first: Int
        var last: Int
        var count: Int
    }

    /// Cell text → the first and last row holding it and how many rows do.
    var heads: [String: Entry] = [:]
    /// For each row, the next row with the same cell text in this column, or -1.
    var next: [Int]

    init(column: String, rows: [JSONObject]) {
        next = Array(repeating: -1, count: rows.count)
        for (i, row) in rows.enumerated() {
            guard let text = row[column].flatMap(LookupTable.cellText) else { continue }
            if var entry = heads[text] {
                next[entry.last] = i
                entry.last = i
                entry.count += 1
                heads[text] = entry
            } else {
                heads[text] = Entry(first: i, last: i, count: 1)
            }
        }
    }
}
