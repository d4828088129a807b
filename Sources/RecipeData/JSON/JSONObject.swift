/// A JSON object that remembers the order its keys were first inserted in, so output is
/// stable and diffs well.
///
/// Members live in one array in insertion order. Most objects in integrations are small (an
/// employee record, a webhook envelope); for those, scanning and comparing keys is faster
/// than hashing the key. From `indexThreshold` members on, a hash index is kept as well, so
/// large objects still look up in O(1).
///
/// Equality ignores order (RFC 8259 §4: "An object is an unordered collection").
///
/// Keep this struct at two stored properties. A three-property layout (keys, values, index)
/// made Swift 6.3.1 miscompile the error path of `JSONParser.buildValue` in debug builds: the
/// JSONTestSuite `i_number_*huge_exp` cases crashed in "outlined destroy of JSONValue".
public struct JSONObject: Sendable {
    /// Objects with more members than this also keep a hash index.
    static let indexThreshold = 12

    private var entries: [(key: String, value: JSONValue)] = []
    /// Position of each key, kept only when `count > indexThreshold` (empty otherwise).
    private var index: [String: Int] = [:]

    public init() {}

    public init(minimumCapacity: Int) {
        entries.reserveCapacity(minimumCapacity)
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    /// Keys in insertion order.
    public var keys: [String] { entries.map(\.key) }

    /// Values in insertion order.
    public var values: [JSONValue] { entries.map(\.value) }

    private func position(of key: String) -> Int? {
        if entries.count > Self.indexThreshold { return index[key] }
        for position in entries.indices where entries[position].key == key { return position }
        return nil
    }

    /// Reads a member; assigning `nil` removes it (O(n) in the number of keys).
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { entries[$0].value } }
        set {
            if let position = position(of: key) {
                if let newValue {
                    entries[position].value = newValue
                } else {
                    entries.remove(at: position)
                    rebuildIndex()
                }
            } else if let newValue {
                entries.append((key, newValue))
                if entries.count == Self.indexThreshold + 1 {
                    rebuildIndex()
                } else if entries.count > Self.indexThreshold {
                    index[key] = entries.count - 1
                }
            }
        }
    }

    public func contains(key: String) -> Bool { position(of: key) != nil }

    private mutating func rebuildIndex() {
        guard entries.count > Self.indexThreshold else {
            index = [:]
            return
        }
        var built = [String: Int](minimumCapacity: entries.count)
        for (position, entry) in entries.enumerated() { built[entry.key] = position }
        index = built
    }
}

extension JSONObject: Sequence {
    public struct Iterator: IteratorProtocol {
        private var base: IndexingIterator<[(key: String, value: JSONValue)]>
        fileprivate init(_ object: JSONObject) { base = object.entries.makeIterator() }
        public mutating func next() -> (key: String, value: JSONValue)? { base.next() }
    }

    public func makeIterator() -> Iterator { Iterator(self) }
    public var underestimatedCount: Int { entries.count }
}

extension JSONObject: Hashable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, value) in lhs where rhs[key] != value { return false }
        return true
    }

    /// Order-independent: the members' hashes are combined commutatively.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for (key, value) in self {
            var member = Hasher()
            member.combine(key)
            member.combine(value)
            combined ^= member.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(minimumCapacity: elements.count)
        for (key, value) in elements { self[key] = value }
    }
}
