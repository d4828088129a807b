import RecipeData

/// Argument conversions shared by the built-in functions. Failures name the function.
extension FunctionContext {
    /// Text arguments: strings as-is; numbers and booleans as their text; `null` as "".
    /// Arrays and objects are an error.
    public func text(_ value: JSONValue, _ what: String = "argument") throws(EvaluationError) -> String {
        switch value {
        case .string(let s): return s
        case .null, .bool, .int, .double: return value.templateText
        case .array, .object: throw error("\(what) must be text, not \(value.typeName)")
        }
    }

    /// Integer arguments: integral numbers only.
    public func integer(_ value: JSONValue, _ what: String = "argument") throws(EvaluationError) -> Int {
        guard let i = value.intValue else { throw error("\(what) must be an integer, not \(describe(value))") }
        return i
    }

    public func number(_ value: JSONValue, _ what: String = "argument") throws(EvaluationError) -> Double {
        guard let d = value.numberAsDouble else { throw error("\(what) must be a number, not \(value.typeName)") }
        return d
    }

    /// Array arguments; `null` counts as the empty array.
    public func array(_ value: JSONValue, _ what: String = "argument") throws(EvaluationError) -> [JSONValue] {
        switch value {
        case .array(let items): return items
        case .null: return []
        default: throw error("\(what) must be an array, not \(value.typeName)")
        }
    }

    /// Object arguments; `null` counts as the empty object.
    public func object(_ value: JSONValue, _ what: String = "argument") throws(EvaluationError) -> JSONObject {
        switch value {
        case .object(let object): return object
        case .null: return JSONObject()
        default: throw error("\(what) must be an object, not \(value.typeName)")
        }
    }

    func describe(_ value: JSONValue) -> String {
        if case .double(let d) = value { return "\(JSONValue.canonicalNumberText(d))" }
        return value.typeName
    }

    /// Fails when a produced collection would exceed `maxCollectionCount` (checked before
    /// building it, so nothing huge is allocated).
    func checkCount(_ count: Int) throws(EvaluationError) {
        let limit = environment.limits.maxCollectionCount
        if count > limit { throw error("result would have \(count) elements; the limit is \(limit)") }
    }

    func checkLength(_ bytes: Int) throws(EvaluationError) {
        let limit = environment.limits.maxStringLength
        if bytes > limit { throw error("result would be \(bytes) bytes long; the limit is \(limit)") }
    }
}
