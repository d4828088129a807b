// Record scanner for RFC 4180 CSV. The grammar relied on (RFC 4180 §2, with the common
// relaxations noted):
//
//   file        = [header CRLF] record *(CRLF record) [CRLF]
//   record      = field *(COMMA field)
//   field       = (escaped / non-escaped)
//   escaped     = DQUOTE *(TEXTDATA / COMMA / CR / LF / 2DQUOTE) DQUOTE
//   non-escaped = *TEXTDATA
//
// - "Each record is located on a separate line, delimited by a line break (CRLF)." We accept
//   CRLF and bare LF; a bare CR is ordinary text.
// - "If double-quotes are used to enclose fields, then a double-quote appearing inside a field
//   must be escaped by preceding it with another double quote." A quote inside an unquoted
//   field, or text after a closing quote, is an error rather than being guessed at.
// - TEXTDATA is widened from printable ASCII to any UTF-8 text (validated before scanning).
//   Every structural byte (`,` `"` CR LF) is ASCII, and UTF-8 multi-byte sequences contain no
//   ASCII bytes, so scanning bytes is safe.

/// Where a field or record starts, kept cheap: the column is only computed for messages.
struct CSVMark {
    var offset: Int
    var line: Int
    var lineStart: Int
}

/// Splits CSV bytes into records, one `nextRecord()` call at a time.
struct CSVScanner {
    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    let bytes: [UInt8]
    let path: String
    let maxCellBytes: Int
    private(set) var position: Int
    private(set) var line = 1
    private(set) var lineStart: Int

    init(bytes: [UInt8], path: String, start: Int, maxCellBytes: Int) {
        self.bytes = bytes
        self.path = path
        self.maxCellBytes = maxCellBytes
        self.position = start
        self.lineStart = start
    }

    var mark: CSVMark { CSVMark(offset: position, line: line, lineStart: lineStart) }

    /// The location of a mark; columns count Unicode scalars (UTF-8 lead bytes).
    func location(_ mark: CSVMark) -> SourceLocation {
        var column = 1
        for i in mark.lineStart..<mark.offset where bytes[i] & 0xC0 != 0x80 { column += 1 }
        return SourceLocation(file: path, line: mark.line, column: column, offset: mark.offset)
    }

    /// True when only line breaks remain: trailing empty lines are not records.
    var atEndOfRecords: Bool {
        var i = position
        while i < bytes.count {
            if bytes[i] != Self.cr && bytes[i] != Self.lf { return false }
            i += 1
        }
        return true
    }

    /// Reads the record starting at the current position, consuming its line break.
    mutating func nextRecord() throws(Diagnostic) -> (fields: [String], marks: [CSVMark]) {
        var fields: [String] = []
        var marks: [CSVMark] = []
        while true {
            let start = mark
            let field = bytes.indices.contains(position) && bytes[position] == Self.quote
                ? try quotedField(start)
                : try unquotedField()
            if field.count > maxCellBytes {
                throw .error(
                    "cell is \(field.count) bytes, more than the limit of \(maxCellBytes)",
                    at: location(start))
            }
            fields.append(String(decoding: field, as: UTF8.self))
            marks.append(start)
            if position >= bytes.count { return (fields, marks) }
            if bytes[position] == Self.comma {
                position += 1
                continue
            }
            position += bytes[position] == Self.cr ? 2 : 1
            line += 1
            lineStart = position
            return (fields, marks)
        }
    }

    private func isLineBreak(at i: Int) -> Bool {
        bytes[i] == Self.lf || (bytes[i] == Self.cr && i + 1 < bytes.count && bytes[i + 1] == Self.lf)
    }

    private mutating func unquotedField() throws(Diagnostic) -> ArraySlice<UInt8> {
        let start = position
        while position < bytes.count, bytes[position] != Self.comma, !isLineBreak(at: position) {
            if bytes[position] == Self.quote {
                throw .error(
                    "quote inside an unquoted field; quote the whole field and double the quote (\"\")",
                    at: location(mark))
            }
            position += 1
        }
        return bytes[start..<position]
    }

    private mutating func quotedField(_ open: CSVMark) throws(Diagnostic) -> ArraySlice<UInt8> {
        position += 1
        var text: [UInt8] = []
        while true {
            guard position < bytes.count else {
                throw .error("unterminated quoted field: no closing quote before the end of the file",
                             at: location(open))
            }
            let byte = bytes[position]
            if byte == Self.quote {
                if position + 1 < bytes.count && bytes[position + 1] == Self.quote {
                    text.append(Self.quote)
                    position += 2
                    continue
                }
                position += 1
                break
            }
            if byte == Self.lf {
                line += 1
                lineStart = position + 1
            }
            text.append(byte)
            position += 1
        }
        if position < bytes.count && bytes[position] != Self.comma && !isLineBreak(at: position) {
            throw .error("unexpected text after the closing quote of a quoted field", at: location(mark))
        }
        return text[...]
    }
}
