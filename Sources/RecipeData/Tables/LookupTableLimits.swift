/// Size limits applied while loading lookup tables, so a stray export cannot exhaust memory.
///
/// Every limit is inclusive: a table with exactly `maxRows` rows loads, one more row is an
/// error located at the first row over the limit.
public struct LookupTableLimits: Sendable, Hashable {
    /// Data rows per table (the CSV header row is not counted).
    public var maxRows: Int
    /// Columns per table.
    public var maxColumns: Int
    /// UTF-8 bytes per cell (and per column name).
    public var maxCellBytes: Int
    /// Bytes per table file, checked before parsing.
    public var maxFileBytes: Int

    public init(
        maxRows: Int = 100_000,
        maxColumns: Int = 64,
        maxCellBytes: Int = 65_536,
        maxFileBytes: Int = 32 * 1024 * 1024
    ) {
        self.maxRows = maxRows
        self.maxColumns = maxColumns
        self.maxCellBytes = maxCellBytes
        self.maxFileBytes = maxFileBytes
    }

    /// The defaults: 100,000 rows, 64 columns, 64 KiB cells, 32 MiB files.
    public static let `default` = LookupTableLimits()
}
