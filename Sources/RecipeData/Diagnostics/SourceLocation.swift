/// A position in a project file: 1-based line and column (columns count Unicode scalars),
/// plus the 0-based UTF-8 byte offset for tools.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Path of the file as shown to users (relative to the project root when possible).
    public var file: String
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(file: String, line: Int, column: Int, offset: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `file:line:col`, the prefix compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    /// The location of a whole file (line 1, column 1), for problems not tied to a position.
    public static func file(_ path: String) -> SourceLocation {
        SourceLocation(file: path, line: 1, column: 1, offset: 0)
    }
}
