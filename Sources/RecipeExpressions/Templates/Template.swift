import RecipeData

/// A recipe field compiled once: JSON with `{{ expression }}` templates inside strings.
///
/// - A string that is exactly one template, with nothing (not even spaces) outside the braces
///   — `"{{ trigger.data }}"` — evaluates to the value with its JSON type.
/// - A string mixing text and templates — `"Hello {{ name }}!"` — renders each value as text
///   (`JSONValue.templateText`: strings as-is, null as "", numbers canonically, booleans
///   `true`/`false`, arrays and objects as compact JSON).
/// - A string without `{{` is literal. Write a literal `{{` as `{{ '{{' }}`; a lone `}}`
///   outside a template is literal text. An unterminated `{{` is an error.
/// - Object keys are never templates. Constant parts fold to `.literal` at compile time.
public indirect enum Template: Sendable {
    /// One piece of mixed text.
    public enum Segment: Sendable {
        case text(String)
        case expression(Expression)
    }

    case literal(JSONValue)
    case expression(Expression)
    case interpolation([Segment])
    case array([Template])
    /// Members in source order; when keys repeat, the last wins on rendering.
    case object([(key: String, value: Template)])

    /// True when the template needs no evaluation (`render` returns the literal).
    public var isConstant: Bool {
        if case .literal = self { return true }
        return false
    }

    /// Every expression inside, in source order, for static checks.
    public var expressions: [Expression] {
        var found: [Expression] = []
        collect(into: &found)
        return found
    }

    private func collect(into found: inout [Expression]) {
        switch self {
        case .literal: return
        case .expression(let e): found.append(e)
        case .interpolation(let segments):
            for case .expression(let e) in segments { found.append(e) }
        case .array(let items): for item in items { item.collect(into: &found) }
        case .object(let members): for member in members { member.value.collect(into: &found) }
        }
    }

    /// Evaluates every template and builds the resulting JSON value.
    ///
    /// Errors thrown by an expression carry its location; the limits of `environment` apply to
    /// each expression separately and to each rendered string.
    public func render(
        in scope: some EvaluationScope, environment: EvaluationEnvironment = .default
    ) throws(EvaluationError) -> JSONValue {
        switch self {
        case .literal(let value):
            return value
        case .expression(let expression):
            return try expression.evaluate(in: scope, environment: environment)
        case .interpolation(let segments):
            var text = ""
            for segment in segments {
                switch segment {
                case .text(let literal): text += literal
                case .expression(let expression):
                    text += try expression.evaluate(in: scope, environment: environment).templateText
                }
                if text.utf8.count > environment.limits.maxStringLength {
                    let at = segments.lazy.compactMap { if case .expression(let e) = $0 { e.location } else { nil } }.first
                    throw EvaluationError(
                        "rendered text is longer than the limit of \(environment.limits.maxStringLength) bytes", at: at)
                }
            }
            return .string(text)
        case .array(let items):
            var values: [JSONValue] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try item.render(in: scope, environment: environment)) }
            return .array(values)
        case .object(let members):
            var object = JSONObject(minimumCapacity: members.count)
            for member in members { object[member.key] = try member.value.render(in: scope, environment: environment) }
            return .object(object)
        }
    }
}
