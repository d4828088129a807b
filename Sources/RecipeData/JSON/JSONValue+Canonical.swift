extension JSONValue {
    /// The value as compact JSON with object keys sorted by their UTF-8 bytes and integral
    /// doubles written as integers, so that two texts of the same value (other whitespace, key
    /// order, `1.0` for `1`) give the same bytes. Duplicate keys were already resolved by the
    /// parser.
    public func canonicalJSONBytes() -> [UInt8] { canonical.jsonBytes() }

    private var canonical: JSONValue {
        switch self {
        case .double(let d) where d.rounded() == d && abs(d) < 9.0e15:
            .int(Int(d))
        case .array(let items):
            .array(items.map(\.canonical))
        case .object(let object):
            .object(Self.sortedObject(object))
        default:
            self
        }
    }

    private static func sortedObject(_ object: JSONObject) -> JSONObject {
        var sorted = JSONObject(minimumCapacity: object.count)
        for (key, value) in object.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            sorted[key] = value.canonical
        }
        return sorted
    }
}
