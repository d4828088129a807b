extension JSONValue {
    /// The length of this value written as compact JSON, counting string content as UTF-8
    /// without escapes. Cheap (no text is produced), used to enforce payload limits.
    public var approximateJSONSize: Int {
        switch self {
        case .null: return 4
        case .bool(let b): return b ? 4 : 5
        case .int(let i): return i < 0 ? 20 : 19 - (i < 1_000_000_000 ? 10 : 0)
        case .double: return 24
        case .string(let s): return s.utf8.count + 2
        case .array(let items):
            return items.reduce(2) { $0 + $1.approximateJSONSize + 1 }
        case .object(let object):
            return object.reduce(2) { $0 + $1.key.utf8.count + 4 + $1.value.approximateJSONSize }
        }
    }
}
