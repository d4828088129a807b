// CSV reading per RFC 4180 (see CSVScanner.swift for the grammar and relaxations), plus the
// rules a lookup table needs: "The first record in the file is the header" (RFC 4180 §2.3,
// made mandatory here), "Each line should contain the same number of fields throughout the
// file" (§2.4, made an error), column names unique and non-empty, input valid UTF-8, an
// optional UTF-8 byte order mark skipped, and empty lines at the end ignored.

/// Reads CSV files into a header and located records, reporting the first problem as a
/// `Diagnostic` with the line and column in the file.
public enum CSVReader {
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Parses `bytes` (the contents of the file shown as `path` in messages).
    ///
    /// Enforces `limits.maxFileBytes`, `maxColumns`, `maxCellBytes` and `maxRows` (data records,
    /// not counting the header); each limit is inclusive.
    public static func read(
        _ bytes: [UInt8], path: String, limits: LookupTableLimits = .default
    ) -> Result<CSVDocument, Diagnostic> {
        Result { () throws(Diagnostic) in try parse(bytes, path: path, limits: limits) }
    }

    private static func parse(
        _ bytes: [UInt8], path: String, limits: LookupTableLimits
    ) throws(Diagnostic) -> CSVDocument {
        if bytes.count > limits.maxFileBytes {
            throw .error("file is \(bytes.count) bytes, more than the limit of \(limits.maxFileBytes)",
                         at: .file(path))
        }
        let start = bytes.starts(with: byteOrderMark) ? byteOrderMark.count : 0
        var scanner = CSVScanner(bytes: bytes, path: path, start: start, maxCellBytes: limits.maxCellBytes)
        if let bad = UTF8Validation.firstInvalidOffset(in: bytes, from: start) {
            throw .error("invalid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)))",
                         at: location(ofOffset: bad, in: scanner))
        }
        if scanner.atEndOfRecords {
            throw .error("empty CSV file: expected a header row with the column names", at: .file(path))
        }
        let (header, headerMarks) = try scanner.nextRecord()
        let headerLocations = headerMarks.map(scanner.location)
        try checkHeader(header, locations: headerLocations, limits: limits)

        var records: [CSVRecord] = []
        var row = 1
        while !scanner.atEndOfRecords {
            row += 1
            let recordMark = scanner.mark
            let (fields, _) = try scanner.nextRecord()
            let location = scanner.location(recordMark)
            if records.count == limits.maxRows {
                throw .error("table has more than \(limits.maxRows) rows (the limit)", at: location)
            }
            if fields.count != header.count {
                throw .error(
                    "row \(row) has \(fields.count) field\(fields.count == 1 ? "" : "s") "
                        + "but the header has \(header.count)",
                    at: location)
            }
            records.append(CSVRecord(fields: fields, location: location, row: row))
        }
        return CSVDocument(header: header, headerLocations: headerLocations, records: records)
    }

    private static func checkHeader(
        _ header: [String], locations: [SourceLocation], limits: LookupTableLimits
    ) throws(Diagnostic) {
        if header.count > limits.maxColumns {
            throw .error("header has \(header.count) columns, more than the limit of \(limits.maxColumns)",
                         at: locations[limits.maxColumns])
        }
        var firstSeen: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            if name.isEmpty {
                throw .error("column \(index + 1) has an empty name", at: locations[index])
            }
            if let first = firstSeen[name] {
                throw .error("duplicate column name '\(name)'", at: locations[index],
                             notes: [.note("'\(name)' first used here", at: locations[first])])
            }
            firstSeen[name] = index
        }
    }

    /// Line and column of an arbitrary byte offset (used for invalid UTF-8, found before scanning).
    private static func location(ofOffset offset: Int, in scanner: CSVScanner) -> SourceLocation {
        var line = 1
        var lineStart = scanner.position
        for i in scanner.position..<offset where scanner.bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        return scanner.location(CSVMark(offset: offset, line: line, lineStart: lineStart))
    }
}
