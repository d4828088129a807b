/// The bytes of one project file and the path shown in messages.
///
/// Besides holding the text, it maps a position *inside a decoded JSON string* back to the
/// file, so an error in an expression such as `"{{ trigger.dta }}"` points at the exact
/// column in the recipe even when the string contains escapes.
public struct SourceFile: Sendable {
    public let path: String
    public let bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}
