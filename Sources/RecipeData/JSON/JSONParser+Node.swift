// The located-tree builder: the same iterative shape as the `JSONValue` builder, but every
// value and key records its `SourceLocation`. A location is taken as soon as the scanner
// reaches the token, before whitespace (possibly line feeds) moves the line counter on.

extension JSONParser {
    /// One open container of the node builder.
    private struct OpenContainer {
        var location: SourceLocation
        var isObject: Bool
        var items: [JSONNode] = []
        var members: [JSONMember] = []
        var pendingKey = ""
        var pendingKeyLocation: SourceLocation
    }

    static func buildNode(_ s: inout JSONScanner) throws(JSONSyntaxError) -> JSONNode {
        try s.checkSize()
        var stack: [OpenContainer] = []
        var node: JSONNode
        nextValue: while true {
            s.skipWhitespace()
            let start = s.location(at: s.pos)
            switch s.current {
            case 0x5B:  // [
                try s.enterContainer()
                s.skipWhitespace()
                if s.current == 0x5D {
                    s.leaveContainer()
                    node = JSONNode(.array([]), at: start)
                } else {
                    stack.append(OpenContainer(location: start, isObject: false, pendingKeyLocation: start))
                    continue nextValue
                }
            case 0x7B:  // {
                try s.enterContainer()
                s.skipWhitespace()
                if s.current == 0x7D {
                    s.leaveContainer()
                    node = JSONNode(.object([]), at: start)
                } else {
                    try s.expectKey(afterCommaAt: nil)
                    var container = OpenContainer(location: start, isObject: true, pendingKeyLocation: start)
                    container.pendingKeyLocation = s.location(at: s.pos)
                    container.pendingKey = try s.scanString()
                    try s.expectColon()
                    stack.append(container)
                    continue nextValue
                }
            default:
                node = JSONNode(Self.nodeKind(try s.scanScalar()), at: start)
            }
            // A node is complete: add it to the innermost container, closing containers for
            // as long as their closing bracket follows.
            while !stack.isEmpty {
                s.skipWhitespace()
                let top = stack.count - 1
                if stack[top].isObject {
                    stack[top].members.append(
                        JSONMember(key: stack[top].pendingKey, keyLocation: stack[top].pendingKeyLocation, value: node))
                    switch s.current {
                    case 0x2C:  // ,
                        let comma = s.pos
                        s.pos += 1
                        try s.expectKey(afterCommaAt: comma)
                        stack[top].pendingKeyLocation = s.location(at: s.pos)
                        stack[top].pendingKey = try s.scanString()
                        try s.expectColon()
                        continue nextValue
                    case 0x7D:  // }
                        s.leaveContainer()
                        let closed = stack.removeLast()
                        node = JSONNode(.object(closed.members), at: closed.location)
                    default:
                        throw s.separatorError(inObject: true)
                    }
                } else {
                    stack[top].items.append(node)
                    switch s.current {
                    case 0x2C:
                        let comma = s.pos
                        s.pos += 1
                        try s.rejectTrailingComma(at: comma)
                        continue nextValue
                    case 0x5D:  // ]
                        s.leaveContainer()
                        let closed = stack.removeLast()
                        node = JSONNode(.array(closed.items), at: closed.location)
                    default:
                        throw s.separatorError(inObject: false)
                    }
                }
            }
            try s.finish()
            return node
        }
    }

    private static func nodeKind(_ scalar: JSONValue) -> JSONNode.Kind {
        switch scalar {
        case .null: .null
        case .bool(let b): .bool(b)
        case .string(let text): .string(text)
        case .int, .double: .number(scalar)
        case .array, .object: preconditionFailure("scanScalar never returns containers")
        }
    }
}
