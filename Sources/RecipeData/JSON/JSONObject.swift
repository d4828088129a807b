/// A JSON object that remembers the order its keys were first inserted in, so output is
/// stable and diffs well, while lookups stay O(1).
///
/// Equality ignores order (RFC 8259 §4: "An object is an unordered collection").
public struct JSONObject: Sendable {
    public private(set) var keys: [String] = []
    private var storage: [String: JSONValue] = [:]

    public init() {}

    public init(minimumCapacity: Int) {
        keys.reserveCapacity(minimumCapacity)
        storage.reserveCapacity(minimumCapacity)
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// Reads a member; assigning `nil` removes it (O(n) in the number of keys).
    public subscript(key: String) -> JSONValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public func contains(key: String) -> Bool { storage[key] != nil }

    /// Members in insertion order.
    public var values: [JSONValue] { keys.map { storage[$0]! } }
}

extension JSONObject: Sequence {
    public struct Iterator: IteratorProtocol {
        private var keyIterator: IndexingIterator<[String]>
        private let storage: [String: JSONValue]
        fileprivate init(_ object: JSONObject) {
            keyIterator = object.keys.makeIterator()
            storage = object.storage
        }
        public mutating func next() -> (key: String, value: JSONValue)? {
            guard let key = keyIterator.next() else { return nil }
            return (key, storage[key]!)
        }
    }

    public func makeIterator() -> Iterator { Iterator(self) }
    public var underestimatedCount: Int { keys.count }
}

extension JSONObject: Hashable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool { lhs.storage == rhs.storage }
    public func hash(into hasher: inout Hasher) { hasher.combine(storage) }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(minimumCapacity: elements.count)
        for (key, value) in elements { self[key] = value }
    }
}
