// Tree-walking evaluator. One `Evaluator` lives for one evaluation: it is generic over the scope
// (no existential in the hot path) and counts node visits against `evaluationBudget`.
// Recursion depth is bounded by the parser's `maxNestingDepth`, so it cannot overflow the stack.
import RecipeData

struct Evaluator<Scope: EvaluationScope> {
    let scope: Scope
    let environment: EvaluationEnvironment
    private var remaining: Int

    init(scope: Scope, environment: EvaluationEnvironment) {
        self.scope = scope
        self.environment = environment
        self.remaining = environment.limits.evaluationBudget
    }

    var limits: ExpressionLimits { environment.limits }

    mutating func evaluate(_ node: Node) throws(EvaluationError) -> JSONValue {
        remaining -= 1
        if remaining < 0 {
            throw EvaluationError("expression exceeds its evaluation budget of \(limits.evaluationBudget) steps")
        }
        switch node {
        case .literal(let value):
            return value
        case .path(let path):
            var value = scope.value(forName: path.root) ?? .null
            for component in path.components { value = Self.step(value, component) }
            return value
        case .access(let base, let components):
            var value = try evaluate(base)
            for component in components { value = Self.step(value, component) }
            return value
        case .index(let base, let index):
            let container = try evaluate(base)
            switch try evaluate(index) {
            case .string(let key): return Self.step(container, .key(key))
            case let number where number.intValue != nil: return Self.step(container, .index(number.intValue!))
            default: return .null
            }
        case .strict(let operand, let text, let location):
            let value = try evaluate(operand)
            if value.isNull { throw EvaluationError("\(text) is missing", at: location) }
            return value
        case .unary(let op, let operand, let location):
            return try Operators.unary(op, try evaluate(operand), at: location)
        case .binary(let op, let left, let right, let location):
            let result = try Operators.binary(op, try evaluate(left), try evaluate(right), at: location)
            try check(result, at: location)
            return result
        case .and(let left, let right):
            guard try evaluate(left).isTruthy else { return false }
            return .bool(try evaluate(right).isTruthy)
        case .or(let left, let right):
            if try evaluate(left).isTruthy { return true }
            return .bool(try evaluate(right).isTruthy)
        case .coalesce(let left, let right):
            let value = try evaluate(left)
            return value.isNull ? try evaluate(right) : value
        case .conditional(let condition, let then, let otherwise):
            return try evaluate(condition).isTruthy ? try evaluate(then) : try evaluate(otherwise)
        case .array(let items):
            var values: [JSONValue] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try evaluate(item)) }
            return .array(values)
        case .object(let entries):
            var object = JSONObject(minimumCapacity: entries.count)
            for entry in entries { object[entry.key] = try evaluate(entry.value) }
            return .object(object)
        case .call(let call):
            var arguments: [JSONValue] = []
            arguments.reserveCapacity(call.arguments.count)
            for argument in call.arguments { arguments.append(try evaluate(argument)) }
            let context = FunctionContext(name: call.function.name, location: call.location, environment: environment)
            let result = try call.function.implementation(arguments, context)
            try check(result, at: call.location)
            return result
        }
    }

    /// One static path step; anything that does not apply gives `null`.
    @inline(__always)
    static func step(_ value: JSONValue, _ component: PathComponent) -> JSONValue {
        switch (value, component) {
        case (.object(let object), .key(let key)):
            return object[key] ?? .null
        case (.array(let array), .index(let index)):
            let position = index < 0 ? array.count + index : index
            return array.indices.contains(position) ? array[position] : .null
        default:
            return .null
        }
    }

    /// Enforces the size limits on a produced value.
    func check(_ value: JSONValue, at location: SourceLocation?) throws(EvaluationError) {
        try Self.check(value, limits: limits, at: location)
    }

    static func check(_ value: JSONValue, limits: ExpressionLimits, at location: SourceLocation?) throws(EvaluationError) {
        switch value {
        case .string(let text) where text.utf8.count > limits.maxStringLength:
            throw EvaluationError(
                "result is a string longer than the limit of \(limits.maxStringLength) bytes", at: location)
        case .array(let items) where items.count > limits.maxCollectionCount:
            throw EvaluationError(
                "result is an array longer than the limit of \(limits.maxCollectionCount) elements", at: location)
        case .object(let object) where object.count > limits.maxCollectionCount:
            throw EvaluationError(
                "result is an object larger than the limit of \(limits.maxCollectionCount) members", at: location)
        default:
            return
        }
    }
}
