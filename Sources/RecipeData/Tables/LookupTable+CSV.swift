extension LookupTable {
    /// Reads a table from CSV bytes: the header names the columns, every later record is a row
    /// of `.string` cells. Problems (syntax, limits, header) come back as one located diagnostic.
    ///
    /// - Parameters:
    ///   - name: the table name recipes use (normally the file name without `.csv`).
    ///   - path: the file as shown in messages, e.g. `lookup-tables/integration-settings.csv`.
    public static func fromCSV(
        bytes: [UInt8], name: String, path: String, limits: LookupTableLimits = .default
    ) -> Result<LookupTable, Diagnostic> {
        CSVReader.read(bytes, path: path, limits: limits).map { document in
            LookupTable(document: document, name: name, path: path)
        }
    }

    /// A table from an already parsed CSV document.
    public init(document: CSVDocument, name: String, path: String) {
        var rows: [JSONObject] = []
        rows.reserveCapacity(document.records.count)
        for record in document.records {
            var row = JSONObject(minimumCapacity: document.header.count)
            for (column, field) in zip(document.header, record.fields) { row[column] = .string(field) }
            rows.append(row)
        }
        self.init(
            name: name, columns: document.header, rows: rows, location: .file(path),
            rowLocations: document.records.map(\.location))
    }
}
