import Foundation
import RecipeData

extension FunctionRegistry {
    /// toNumber, toBoolean, round, abs, min, max.
    static let numberFunctions: [FunctionDefinition] = [
        /// toNumber(x): numbers pass through; text (trimmed) → int when integral and in Int
        /// range, else double; null → null; anything else (or bad text) is an error.
        FunctionDefinition("toNumber", arity: 1...1) { a, c throws(EvaluationError) in
            switch a[0] {
            case .int, .double, .null: return a[0]
            case .string(let raw):
                let text = raw.trimmingSpaces
                if let i = Int(text) { return .int(i) }
                guard let d = Double(text), d.isFinite, !text.isEmpty,
                    text.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) })
                else { throw c.error("'\(raw)' is not a number") }
                if d.rounded() == d, let i = Int(exactly: d) { return .int(i) }
                return .double(d)
            default: throw c.error("cannot convert \(a[0].typeName) to a number")
            }
        },
        /// toBoolean(x): booleans pass through; "true"/"yes"/"1" and "false"/"no"/"0"/""
        /// (any case); numbers are true unless 0; null → false.
        FunctionDefinition("toBoolean", arity: 1...1) { a, c throws(EvaluationError) in
            switch a[0] {
            case .bool: return a[0]
            case .null: return false
            case .int, .double: return .bool(a[0].isTruthy)
            case .string(let s):
                switch s.trimmingSpaces.lowercased() {
                case "true", "yes", "1": return true
                case "false", "no", "0", "": return false
                default: throw c.error("'\(s)' is not a boolean")
                }
            default: throw c.error("cannot convert \(a[0].typeName) to a boolean")
            }
        },
        /// round(x, digits = 0): half away from zero; digits may be negative (round to tens...).
        /// The result is an int when digits <= 0 and it fits.
        FunctionDefinition("round", arity: 1...2) { a, c throws(EvaluationError) in
            let digits = a.count > 1 ? try c.integer(a[1], "digits") : 0
            guard (-15...15).contains(digits) else { throw c.error("digits must be between -15 and 15") }
            if case .int(let i) = a[0], digits >= 0 { return .int(i) }
            let x = try c.number(a[0])
            let scale = pow(10.0, Double(digits))
            let rounded = (x * scale).rounded(.toNearestOrAwayFromZero) / scale
            if digits <= 0, let i = Int(exactly: rounded) { return .int(i) }
            return try Operators.finite(rounded, at: c.location)
        },
        FunctionDefinition("abs", arity: 1...1) { a, c throws(EvaluationError) in
            switch a[0] {
            case .int(let i): return i == .min ? .double(-Double(i)) : .int(abs(i))
            default: return .double(abs(try c.number(a[0])))
            }
        },
        /// min(a, b, ...) / max(a, b, ...): numbers, or a single array of numbers; [] → null.
        FunctionDefinition("min", minArity: 1, maxArity: nil) { a, c throws(EvaluationError) in
            try extreme(a, c, pickFirst: { $0 < $1 })
        },
        FunctionDefinition("max", minArity: 1, maxArity: nil) { a, c throws(EvaluationError) in
            try extreme(a, c, pickFirst: { $0 > $1 })
        },
    ]

    private static func extreme(
        _ arguments: [JSONValue], _ c: FunctionContext, pickFirst: (Double, Double) -> Bool
    ) throws(EvaluationError) -> JSONValue {
        var values = arguments
        if arguments.count == 1, case .array(let items) = arguments[0] { values = items }
        var best: JSONValue = .null
        for value in values {
            let x = try c.number(value, "every argument")
            if best.isNull || pickFirst(x, best.numberAsDouble!) { best = value }
        }
        return best
    }
}
