// The strict RFC 8259 parser's public entry points and the fast `JSONValue` builder.
//
// Why iterative: nesting is tracked with explicit stacks instead of recursion, so depth is
// limited only by `JSONLimits.maxDepth` (an error, never a stack overflow), whatever thread
// the parser runs on. Each open container's contents live in a stack of arrays that is
// mutated in place, so building a value does not copy partially built containers.

/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// It accepts exactly the JSON grammar: any value at top level, whitespace limited to space,
/// tab, line feed and carriage return, no byte order mark, comments or trailing commas,
/// well-formed UTF-8 only, and `\u` escapes whose surrogates come in valid pairs.
/// Integers that fit in `Int` (including `-0`, which becomes `.int(0)`) are exact `.int`
/// values; other numbers become `.double`, and a number too large for `Double` is an error.
public enum JSONParser {
    /// Parses a project file into a located tree; every location uses `file.path`.
    /// Objects keep duplicate keys, in source order.
    public static func parseNode(_ file: SourceFile, limits: JSONLimits = .default) throws(JSONSyntaxError) -> JSONNode {
        try file.bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
            var scanner = JSONScanner(bytes: buffer, path: file.path, limits: limits)
            return try buildNode(&scanner)
        }
    }

    /// Parses bytes straight into a `JSONValue`, without locations except in errors.
    /// For duplicate keys the last value wins (at the key's first position).
    public static func parseValue(
        _ bytes: [UInt8], path: String = "<input>", limits: JSONLimits = .default
    ) throws(JSONSyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
            try parseValue(buffer: buffer, path: path, limits: limits)
        }
    }

    /// Parses text straight into a `JSONValue`; see `parseValue(_:path:limits:)` for bytes.
    public static func parseValue(
        _ text: String, path: String = "<input>", limits: JSONLimits = .default
    ) throws(JSONSyntaxError) -> JSONValue {
        var text = text
        // `String.withUTF8` is untyped `rethrows`, so carry the typed error out in a Result.
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONSyntaxError) in try parseValue(buffer: buffer, path: path, limits: limits) }
        }
        return try result.get()
    }

    /// Parses bytes from any contiguous buffer into a `JSONValue`.
    public static func parseValue(
        buffer: UnsafeBufferPointer<UInt8>, path: String = "<input>", limits: JSONLimits = .default
    ) throws(JSONSyntaxError) -> JSONValue {
        var scanner = JSONScanner(bytes: buffer, path: path, limits: limits)
        return try buildValue(&scanner)
    }

    private static func buildValue(_ s: inout JSONScanner) throws(JSONSyntaxError) -> JSONValue {
        try s.checkSize()
        // One entry per open container: true for an object. Contents live in the stacks below.
        var isObjectStack: [Bool] = []
        var arrays: [[JSONValue]] = []
        var objects: [JSONObject] = []
        var pendingKeys: [String] = []
        var value: JSONValue
        nextValue: while true {
            s.skipWhitespace()
            switch s.current {
            case 0x5B:  // [
                try s.enterContainer()
                s.skipWhitespace()
                if s.current == 0x5D {
                    s.leaveContainer()
                    value = .array([])
                } else {
                    isObjectStack.append(false)
                    arrays.append([])
                    continue nextValue
                }
            case 0x7B:  // {
                try s.enterContainer()
                s.skipWhitespace()
                if s.current == 0x7D {
                    s.leaveContainer()
                    value = .object(JSONObject())
                } else {
                    try s.expectKey(afterCommaAt: nil)
                    pendingKeys.append(try s.scanString())
                    try s.expectColon()
                    isObjectStack.append(true)
                    objects.append(JSONObject())
                    continue nextValue
                }
            default:
                value = try s.scanScalar()
            }
            // A value is complete: add it to the innermost container, closing containers
            // for as long as their closing bracket follows.
            while let isObject = isObjectStack.last {
                s.skipWhitespace()
                if isObject {
                    objects[objects.count - 1][pendingKeys.removeLast()] = value
                    switch s.current {
                    case 0x2C:  // ,
                        let comma = s.pos
                        s.pos += 1
                        try s.expectKey(afterCommaAt: comma)
                        pendingKeys.append(try s.scanString())
                        try s.expectColon()
                        continue nextValue
                    case 0x7D:  // }
                        s.leaveContainer()
                        isObjectStack.removeLast()
                        value = .object(objects.removeLast())
                    default:
                        throw s.separatorError(inObject: true)
                    }
                } else {
                    arrays[arrays.count - 1].append(value)
                    switch s.current {
                    case 0x2C:
                        let comma = s.pos
                        s.pos += 1
                        try s.rejectTrailingComma(at: comma)
                        continue nextValue
                    case 0x5D:  // ]
                        s.leaveContainer()
                        isObjectStack.removeLast()
                        value = .array(arrays.removeLast())
                    default:
                        throw s.separatorError(inObject: false)
                    }
                }
            }
            try s.finish()
            return value
        }
    }
}
