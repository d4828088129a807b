// The byte-level cursor shared by both JSON parsers (`JSONValue` and located `JSONNode`).
//
// Why it looks like this: the parsers run on webhook payloads, so everything works on raw
// UTF-8 bytes through an `UnsafeBufferPointer` with no per-character `String` work. Lines are
// counted while skipping whitespace (the only place a raw line feed may appear in valid
// JSON), and columns are computed lazily from the start of the current line, counting
// every byte that is not a UTF-8 continuation byte, so a column is a Unicode-scalar count.
// A small cache makes successive location requests on one long line linear overall.
//
// The scanner must not outlive the buffer it was created with.

/// A cursor over one JSON document's bytes with line tracking and error helpers.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let path: String
    let limits: JSONLimits
    /// Offset of the next unread byte.
    var pos = 0
    /// 1-based line of `pos`.
    private(set) var line = 1
    /// Offset of the first byte of the current line.
    private(set) var lineStart = 0
    /// How many arrays and objects are open.
    var depth = 0
    /// Reused buffer for strings that contain escapes.
    var scratch: [UInt8] = []
    private var columnCacheOffset = 0
    private var columnCacheValue = 1

    init(bytes: UnsafeBufferPointer<UInt8>, path: String, limits: JSONLimits) {
        self.bytes = bytes
        self.path = path
        self.limits = limits
    }

    var isAtEnd: Bool { pos >= bytes.count }

    /// The next unread byte, or `nil` at the end of the input.
    var current: UInt8? { pos < bytes.count ? bytes[pos] : nil }

    /// Skips JSON whitespace (space, tab, line feed, carriage return), counting lines.
    mutating func skipWhitespace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x09, 0x0D:
                pos += 1
            case 0x0A:
                pos += 1
                line += 1
                lineStart = pos
            default:
                return
            }
        }
    }

    /// The location of a byte offset on the current line (or, rarely, an earlier one).
    mutating func location(at offset: Int) -> SourceLocation {
        guard offset >= lineStart else { return Self.location(of: offset, in: bytes, path: path) }
        if columnCacheOffset < lineStart || columnCacheOffset > offset {
            columnCacheOffset = lineStart
            columnCacheValue = 1
        }
        var column = columnCacheValue
        var i = columnCacheOffset
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        columnCacheOffset = offset
        columnCacheValue = column
        return SourceLocation(file: path, line: line, column: column, offset: offset)
    }

    /// Computes a location from scratch by scanning from the start of the buffer.
    static func location(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>, path: String) -> SourceLocation {
        var line = 1
        var column = 1
        var i = 0
        while i < offset && i < bytes.count {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return SourceLocation(file: path, line: line, column: column, offset: offset)
    }

    /// An error located at a byte offset.
    mutating func error(_ message: String, at offset: Int) -> JSONSyntaxError {
        JSONSyntaxError(message: message, location: location(at: offset))
    }

    /// An error at the current position; at the end of input the message says so.
    mutating func expectationError(_ expectation: String) -> JSONSyntaxError {
        if isAtEnd { return error("unexpected end of input; \(expectation)", at: pos) }
        if let problem = encodingProblem(at: pos) { return error(problem, at: pos) }
        return error("\(expectation), found \(describeCharacter(at: pos))", at: pos)
    }

    /// Checks the byte-size limit before any parsing starts.
    mutating func checkSize() throws(JSONSyntaxError) {
        if bytes.count > limits.maxBytes {
            throw error(
                "JSON document of \(bytes.count) bytes is larger than the limit of \(limits.maxBytes) bytes",
                at: 0)
        }
    }

    /// Consumes an opening bracket or brace after checking the nesting limit.
    mutating func enterContainer() throws(JSONSyntaxError) {
        if depth >= limits.maxDepth {
            throw error("nesting deeper than \(limits.maxDepth) levels", at: pos)
        }
        depth += 1
        pos += 1
    }

    /// Consumes a closing bracket or brace.
    mutating func leaveContainer() {
        depth -= 1
        pos += 1
    }

    /// After the top-level value only whitespace may follow.
    mutating func finish() throws(JSONSyntaxError) {
        skipWhitespace()
        if !isAtEnd { throw error("unexpected text after the JSON value", at: pos) }
    }
}
