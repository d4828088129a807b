/// Resource limits the JSON parser enforces, so a hostile or broken document produces an
/// error instead of exhausting memory or the stack.
public struct JSONLimits: Sendable, Hashable {
    /// How many arrays and objects may be open at once. A document nested exactly this deep
    /// is accepted; one level more is an error.
    public var maxDepth: Int
    /// The largest accepted document, in bytes.
    public var maxBytes: Int

    public init(maxDepth: Int = 512, maxBytes: Int = 16 * 1024 * 1024) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
    }

    /// 512 levels of nesting and 16 MiB.
    public static let `default` = JSONLimits()
}
