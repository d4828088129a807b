// Compiling JSON into templates: scan each string for `{{`, let the expression parser consume
// up to the matching `}}` (so `'}}'` inside a string literal or `{a: {b: 1}}` work), and collect
// every error of the whole tree. After an error, scanning resumes after the next `}}`.
import RecipeData

extension Template {
    /// Compiles a located JSON tree, collecting every expression error (each located).
    ///
    /// - Parameter mapper: builds the source mapper for a string node from its location (the
    ///   opening quote) and decoded text; the default assumes the string has no escapes.
    /// - Returns: the template and the errors; do not use the template when there are errors.
    public static func compile(
        _ node: JSONNode,
        functions: FunctionRegistry = .standard,
        limits: ExpressionLimits = .default,
        mapper: (_ quote: SourceLocation, _ text: String) -> SourceMapper = SourceMapping.stringLiteral
    ) -> (template: Template, diagnostics: [Diagnostic]) {
        var errors: [ExpressionError] = []
        let template = compile(node, functions: functions, limits: limits, mapper: mapper, errors: &errors)
        return (template, errors.map(\.diagnostic))
    }

    /// Compiles one string, throwing its first error.
    ///
    /// - Parameter mapper: maps UTF-8 offsets of `string`; by default offsets become columns on
    ///   line 1 of `<expression>` (`origin` is where the first character of `string` is).
    public static func compile(
        string: String,
        origin: SourceLocation = SourceMapping.noFile,
        mapper: SourceMapper? = nil,
        functions: FunctionRegistry = .standard,
        limits: ExpressionLimits = .default
    ) throws(ExpressionError) -> Template {
        var errors: [ExpressionError] = []
        let template = compileString(
            string, mapper: mapper ?? SourceMapping.plain(string, at: origin), functions: functions, limits: limits,
            errors: &errors)
        if let first = errors.first { throw first }
        return template
    }

    private static func compile(
        _ node: JSONNode, functions: FunctionRegistry, limits: ExpressionLimits,
        mapper: (SourceLocation, String) -> SourceMapper, errors: inout [ExpressionError]
    ) -> Template {
        switch node.kind {
        case .string(let text):
            guard text.utf8.contains(UInt8(ascii: "{")) else { return .literal(.string(text)) }
            return compileString(text, mapper: mapper(node.location, text), functions: functions, limits: limits, errors: &errors)
        case .array(let items):
            let templates = items.map { compile($0, functions: functions, limits: limits, mapper: mapper, errors: &errors) }
            if templates.allSatisfy(\.isConstant) { return .literal(node.value) }
            return .array(templates)
        case .object(let members):
            let templates = members.map {
                (key: $0.key, value: compile($0.value, functions: functions, limits: limits, mapper: mapper, errors: &errors))
            }
            if templates.allSatisfy(\.value.isConstant) {
                var object = JSONObject(minimumCapacity: templates.count)
                for member in templates { if case .literal(let v) = member.value { object[member.key] = v } }
                return .literal(.object(object))
            }
            return .object(templates)
        default:
            return .literal(node.value)
        }
    }

    static func compileString(
        _ text: String, mapper: @escaping SourceMapper, functions: FunctionRegistry, limits: ExpressionLimits,
        errors: inout [ExpressionError]
    ) -> Template {
        let bytes = Array(text.utf8)
        var segments: [Segment] = []
        var literalStart = 0
        var position = 0
        var failed = false
        func flushText(upTo end: Int) {
            guard end > literalStart else { return }
            segments.append(.text(String(decoding: bytes[literalStart..<end], as: UTF8.self)))
        }
        while position + 1 < bytes.count {
            guard bytes[position] == UInt8(ascii: "{"), bytes[position + 1] == UInt8(ascii: "{") else {
                position += 1
                continue
            }
            flushText(upTo: position)
            do throws(ExpressionError) {
                let (expression, end) = try Expression.parseBlock(
                    bytes, open: position, mapper: mapper, functions: functions, limits: limits)
                segments.append(.expression(expression))
                position = end
            } catch {
                errors.append(error)
                failed = true
                guard let close = closingBraces(in: bytes, from: position + 2) else {
                    position = bytes.count
                    literalStart = position
                    break
                }
                position = close + 2
            }
            literalStart = position
        }
        flushText(upTo: bytes.count)
        if failed { return .literal(.string(text)) }
        return fold(segments, text: text)
    }

    private static func closingBraces(in bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + 1 < bytes.count {
            if bytes[i] == UInt8(ascii: "}"), bytes[i + 1] == UInt8(ascii: "}") { return i }
            i += 1
        }
        return nil
    }

    /// Exactly one expression → typed value; constants merge into text.
    private static func fold(_ segments: [Segment], text: String) -> Template {
        if segments.count == 1, case .expression(let e) = segments[0] {
            return e.constantValue.map { .literal($0) } ?? .expression(e)
        }
        var merged: [Segment] = []
        for segment in segments {
            var piece = segment
            if case .expression(let e) = segment, let value = e.constantValue { piece = .text(value.templateText) }
            if case .text(let new) = piece, case .text(let previous)? = merged.last {
                merged[merged.count - 1] = .text(previous + new)
            } else {
                merged.append(piece)
            }
        }
        if merged.isEmpty { return .literal(.string("")) }
        if merged.count == 1, case .text(let only) = merged[0] { return .literal(.string(only)) }
        return .interpolation(merged)
    }
}
