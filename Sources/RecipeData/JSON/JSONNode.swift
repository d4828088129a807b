/// A JSON value as written in a project file: every value and every object key keeps the
/// location where it starts, so the recipe checker can point at the exact field.
///
/// Objects keep all members in source order, duplicates included: RFC 8259 allows duplicate
/// names, so the parser accepts them and the recipe checker reports them.
public struct JSONNode: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        case null
        case bool(Bool)
        /// `.int` or `.double`, as `JSONValue` stores numbers.
        case number(JSONValue)
        case string(String)
        case array([JSONNode])
        case object([JSONMember])
    }

    public var kind: Kind
    /// Where the value starts (for strings: the opening quote).
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

/// One `"key": value` pair of an object node.
public struct JSONMember: Sendable, Hashable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: JSONNode

    public init(key: String, keyLocation: SourceLocation, value: JSONNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}

extension JSONNode {
    /// The plain value, locations dropped. For duplicate keys the last one wins.
    public var value: JSONValue {
        switch kind {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n): return n
        case .string(let s): return .string(s)
        case .array(let items): return .array(items.map(\.value))
        case .object(let members):
            var object = JSONObject(minimumCapacity: members.count)
            for member in members { object[member.key] = member.value.value }
            return .object(object)
        }
    }

    /// The JSON type name of this node ("object", "string", ...).
    public var typeName: String {
        switch kind {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    public var stringValue: String? {
        if case .string(let s) = kind { return s }
        return nil
    }

    public var members: [JSONMember]? {
        if case .object(let m) = kind { return m }
        return nil
    }

    public var items: [JSONNode]? {
        if case .array(let a) = kind { return a }
        return nil
    }

    /// The first member with this key.
    public func member(_ key: String) -> JSONMember? {
        members?.first { $0.key == key }
    }
}
