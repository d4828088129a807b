import RecipeData

/// Maps a UTF-8 byte offset within the decoded text of a JSON string (the whole string, not
/// just the part inside `{{ }}`) to a location in the project file.
public typealias SourceMapper = (_ utf8Offset: Int) -> SourceLocation

/// Ready-made source mappers.
public enum SourceMapping {
    /// For text that appears verbatim (no escapes) starting at `base`, on one line: the column
    /// advances by one per Unicode scalar, the byte offset by one per UTF-8 byte.
    public static func plain(_ text: String, at base: SourceLocation) -> SourceMapper {
        let bytes = Array(text.utf8)
        return { offset in
            let clamped = max(0, min(offset, bytes.count))
            var scalars = 0
            for byte in bytes[..<clamped] where byte & 0xC0 != 0x80 { scalars += 1 }
            var location = base
            location.column += scalars
            location.offset += clamped
            return location
        }
    }

    /// For a JSON string literal whose opening quote is at `quote` and which contains no
    /// escapes: content starts one column (and one byte) after the quote.
    ///
    /// The recipe loader passes `SourceFile.location(inStringLiteralAt:decodedUTF8Offset:)`
    /// instead, which also handles escapes.
    public static func stringLiteral(quote: SourceLocation, text: String) -> SourceMapper {
        var base = quote
        base.column += 1
        base.offset += 1
        return plain(text, at: base)
    }

    /// The location used when an expression is parsed without any file.
    public static let noFile = SourceLocation(file: "<expression>", line: 1, column: 1, offset: 0)
}
