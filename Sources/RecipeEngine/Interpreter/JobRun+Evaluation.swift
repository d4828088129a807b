import RecipeData
import RecipeExpressions
import RecipeModel

extension JobRun {
    func evaluate(_ expression: Expression, in frame: Frame, step: Step?) throws(JobError) -> JSONValue {
        do {
            return try expression.evaluate(in: frame, environment: environment)
        } catch {
            throw failure(error.message, type: .expression, step: step, in: frame, location: error.location)
        }
    }

    func render(_ template: Template, in frame: Frame, step: Step?) throws(JobError) -> JSONValue {
        do {
            return try template.render(in: frame, environment: environment)
        } catch {
            throw failure(error.message, type: .expression, step: step, in: frame, location: error.location)
        }
    }

    /// Rejects values larger than the payload limit.
    func checkPayload(_ value: JSONValue, what: String, recipe: Recipe, step: Step?) throws(JobError) {
        let size = value.approximateJSONSize
        guard size <= limits.maxPayloadBytes else {
            throw JobError(
                type: .limit, message: "\(what) of about \(size) bytes exceeds the limit of \(limits.maxPayloadBytes) bytes",
                recipe: recipe.id.description, step: step?.id, location: step?.location)
        }
    }

    /// Checks a function's result against its declared result fields: an object, every
    /// required field present, every present field of its declared type (null counts as absent).
    func checkResult(_ value: JSONValue, of recipe: Recipe, step: Step) throws(JobError) {
        guard let declared = recipe.function?.result else { return }
        let fail = { (message: String) -> JobError in
            JobError(type: .result, message: message, recipe: recipe.id.description, step: step.id, location: step.location)
        }
        guard case .object(let object) = value else {
            throw fail("recipe '\(recipe.id)' must return an object of its result fields, not \(value.typeName)")
        }
        for field in declared {
            let member = object[field.name] ?? .null
            if member.isNull {
                if field.required { throw fail("result of '\(recipe.id)' is missing '\(field.name)'") }
            } else if !field.type.accepts(member) {
                throw fail(
                    "result field '\(field.name)' of '\(recipe.id)' must be \(field.type.rawValue), not \(member.typeName)")
            }
        }
    }

    /// Checks a call's input against a function recipe's parameters and fills in defaults.
    /// Other triggers take the payload as it is.
    func bind(_ input: JSONValue, to recipe: Recipe) throws(JobError) -> JSONValue {
        guard let function = recipe.function else { return input }
        let given: JSONObject
        switch input {
        case .object(let object): given = object
        case .null: given = JSONObject()
        default:
            throw JobError(
                type: .input, message: "recipe '\(recipe.id)' takes an object of parameters, not \(input.typeName)",
                recipe: recipe.id.description)
        }
        var bound = JSONObject(minimumCapacity: function.parameters.count)
        for parameter in function.parameters {
            let value = given[parameter.name] ?? .null
            if value.isNull {
                if let fallback = parameter.defaultValue {
                    bound[parameter.name] = fallback
                } else if parameter.required {
                    throw JobError(
                        type: .input, message: "recipe '\(recipe.id)' needs parameter '\(parameter.name)'",
                        recipe: recipe.id.description, location: parameter.location)
                } else {
                    bound[parameter.name] = .null
                }
                continue
            }
            guard parameter.type.accepts(value) else {
                throw JobError(
                    type: .input,
                    message: "parameter '\(parameter.name)' of '\(recipe.id)' must be \(parameter.type.rawValue), "
                        + "not \(value.typeName)", recipe: recipe.id.description, location: parameter.location)
            }
            bound[parameter.name] = value
        }
        for (name, _) in given where function.parameter(named: name) == nil {
            throw JobError(
                type: .input, message: "recipe '\(recipe.id)' has no parameter '\(name)'", recipe: recipe.id.description)
        }
        return .object(bound)
    }
}
