import RecipeData

/// Maps a UTF-8 byte offset within the decoded text of a JSON string (the whole string, not
/// just the part inside `{{ }}`) to a location in the project file.
public typealias SourceMapper = (_ utf8Offset: Int) -> SourceLocation

/// Ready-made source mappers.
public enum SourceMapping {
    /// For text that appears verbatim (no escapes) starting at `base`, on one line: the column
    /// advances by one per Unicode scalar, the byte offset by one per UTF-8 byte.
    /// Mapping resumes from the previous answer when offsets grow, so mapping every token of a
    /// long expression stays linear.
    public static func plain(_ text: String, at base: SourceLocation) -> SourceMapper {
        let bytes = Array(text.utf8)
        var last = (offset: 0, scalars: 0)
        return { offset in
            let clamped = max(0, min(offset, bytes.count))
            if clamped < last.offset { last = (0, 0) }
            for byte in bytes[last.offset..<clamped] where byte & 0xC0 != 0x80 { last.scalars += 1 }
            last.offset = clamped
            var location = base
            location.column += last.scalars
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
