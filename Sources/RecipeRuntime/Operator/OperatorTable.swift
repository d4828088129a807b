// Plain-text tables for the operator commands: columns padded to their widest cell.
import RecipeData

/// A table of rows printed with aligned columns separated by two spaces.
public struct OperatorTable: Sendable, Equatable {
    public var headers: [String]
    public var rows: [[String]]

    public init(headers: [String], rows: [[String]] = []) {
        self.headers = headers
        self.rows = rows
    }

    /// Cells longer than this are cut (`DisplayText.line`), so one long error cannot push every
    /// other column off the screen.
    public static let maxCellLength = 120

    /// The header line and one line per row; cells are escaped and cut by `DisplayText.line`,
    /// and no line ends in spaces (the last column is not padded).
    public func lines() -> [String] {
        let all = ([headers] + rows).map { row in row.map { DisplayText.line($0, limit: Self.maxCellLength) } }
        let columns = all.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in all {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        return all.map { row in
            var line = ""
            for (column, cell) in row.enumerated() {
                if column > 0 { line += "  " }
                line += column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    /// `lines()` joined with newlines.
    public var text: String { lines().joined(separator: "\n") }
}
