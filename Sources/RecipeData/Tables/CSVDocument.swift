/// The result of reading a CSV file: the header row and the data records, each with the
/// place in the file it came from.
public struct CSVDocument: Sendable, Hashable {
    /// Column names from the first record, in file order.
    public var header: [String]
    /// Where each column name starts (for quoted names: the opening quote).
    public var headerLocations: [SourceLocation]
    /// Data records after the header, in file order.
    public var records: [CSVRecord]

    public init(header: [String], headerLocations: [SourceLocation], records: [CSVRecord]) {
        self.header = header
        self.headerLocations = headerLocations
        self.records = records
    }
}

/// One data record of a CSV file.
public struct CSVRecord: Sendable, Hashable {
    /// The fields, decoded (quotes removed, `""` turned into `"`).
    public var fields: [String]
    /// Where the record starts: its first line, column 1.
    public var location: SourceLocation
    /// The record number as a spreadsheet shows it: the header is row 1, the first data record
    /// row 2. Differs from `location.line` only when quoted fields span lines.
    public var row: Int

    public init(fields: [String], location: SourceLocation, row: Int) {
        self.fields = fields
        self.location = location
        self.row = row
    }
}
