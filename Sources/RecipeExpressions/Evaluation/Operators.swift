// Operator semantics. No implicit conversions between types: `"1" == 1` is false and `"1" < 1`
// is an error. Integer arithmetic stays exact and falls back to Double only on overflow.
import RecipeData

enum Operators {
    static func unary(_ op: UnaryOperator, _ value: JSONValue, at location: SourceLocation) throws(EvaluationError) -> JSONValue {
        switch op {
        case .not:
            return .bool(!value.isTruthy)
        case .negate:
            switch value {
            case .int(let i): return i == .min ? .double(-Double(i)) : .int(-i)
            case .double(let d): return .double(-d)
            default: throw EvaluationError("cannot negate \(value.typeName)", at: location)
            }
        }
    }

    static func binary(
        _ op: BinaryOperator, _ left: JSONValue, _ right: JSONValue, at location: SourceLocation
    ) throws(EvaluationError) -> JSONValue {
        switch op {
        case .equal: return .bool(left == right)
        case .notEqual: return .bool(left != right)
        case .less, .lessEqual, .greater, .greaterEqual:
            let order = try compare(op, left, right, at: location)
            switch op {
            case .less: return .bool(order < 0)
            case .lessEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case .contained: return .bool(try contains(left, in: right, at: location))
        case .notContained: return .bool(!(try contains(left, in: right, at: location)))
        case .add: return try add(left, right, at: location)
        case .subtract, .multiply, .divide, .remainder: return try arithmetic(op, left, right, at: location)
        }
    }

    static func compare(_ op: BinaryOperator, _ left: JSONValue, _ right: JSONValue, at location: SourceLocation) throws(EvaluationError) -> Int {
        switch (left, right) {
        case (.int(let a), .int(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.string(let a), .string(let b)): return scalarOrder(a, b)
        default:
            if let a = left.numberAsDouble, let b = right.numberAsDouble { return a < b ? -1 : (a == b ? 0 : 1) }
            throw EvaluationError(
                "cannot compare \(left.typeName) with \(right.typeName) using '\(op.rawValue)'; both must be numbers or both strings",
                at: location)
        }
    }

    /// `needle in haystack`: array element (deep equality), substring, or object key.
    static func contains(_ needle: JSONValue, in haystack: JSONValue, at location: SourceLocation) throws(EvaluationError) -> Bool {
        switch haystack {
        case .array(let items): return items.contains(needle)
        case .string(let text):
            guard case .string(let part) = needle else {
                throw EvaluationError("'in' with a string on the right needs a string on the left, not \(needle.typeName)", at: location)
            }
            return part.isEmpty || text.contains(part)
        case .object(let object):
            guard case .string(let key) = needle else {
                throw EvaluationError("'in' with an object on the right needs a string key on the left, not \(needle.typeName)", at: location)
            }
            return object.contains(key: key)
        default:
            throw EvaluationError("'in' needs an array, string or object on the right, not \(haystack.typeName)", at: location)
        }
    }

    static func add(_ left: JSONValue, _ right: JSONValue, at location: SourceLocation) throws(EvaluationError) -> JSONValue {
        switch (left, right) {
        case (.int(let a), .int(let b)):
            let (sum, overflow) = a.addingReportingOverflow(b)
            return overflow ? .double(Double(a) + Double(b)) : .int(sum)
        case (.string(let a), _): return .string(a + right.templateText)
        case (_, .string(let b)): return .string(left.templateText + b)
        case (.array(let a), .array(let b)): return .array(a + b)
        case (.object(var a), .object(let b)):
            for (key, value) in b { a[key] = value }
            return .object(a)
        default:
            if let a = left.numberAsDouble, let b = right.numberAsDouble { return try finite(a + b, at: location) }
            throw EvaluationError("cannot add \(left.typeName) and \(right.typeName)", at: location)
        }
    }

    static func arithmetic(_ op: BinaryOperator, _ left: JSONValue, _ right: JSONValue, at location: SourceLocation) throws(EvaluationError) -> JSONValue {
        guard let a = left.numberAsDouble, let b = right.numberAsDouble else {
            throw EvaluationError("'\(op.rawValue)' needs two numbers, not \(left.typeName) and \(right.typeName)", at: location)
        }
        if (op == .divide || op == .remainder) && b == 0 {
            throw EvaluationError(op == .divide ? "division by zero" : "modulo by zero", at: location)
        }
        if case .int(let x) = left, case .int(let y) = right {
            switch op {
            case .subtract:
                let (r, o) = x.subtractingReportingOverflow(y)
                if !o { return .int(r) }
            case .multiply:
                let (r, o) = x.multipliedReportingOverflow(by: y)
                if !o { return .int(r) }
            case .divide:
                let (q, o) = x.dividedReportingOverflow(by: y)
                if !o && q * y == x { return .int(q) }
            default:
                let (r, o) = x.remainderReportingOverflow(dividingBy: y)
                return .int(o ? 0 : r)
            }
        }
        switch op {
        case .subtract: return try finite(a - b, at: location)
        case .multiply: return try finite(a * b, at: location)
        case .divide: return try finite(a / b, at: location)
        default: return try finite(a.truncatingRemainder(dividingBy: b), at: location)
        }
    }

    static func finite(_ d: Double, at location: SourceLocation?) throws(EvaluationError) -> JSONValue {
        guard d.isFinite else { throw EvaluationError("result is not a finite number", at: location) }
        return .double(d)
    }
}

extension JSONValue {
    /// Numbers only (no coercion from strings or booleans).
    var numberAsDouble: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }
}
