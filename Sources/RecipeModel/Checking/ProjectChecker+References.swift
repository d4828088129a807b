import RecipeData
import RecipeExpressions

extension ProjectChecker {
    func checkTemplate(_ template: Template, in recipe: Recipe, scope: StepScope) {
        for expression in template.expressions { checkExpression(expression, in: recipe, scope: scope) }
    }

    func checkExpression(_ expression: Expression, in recipe: Recipe, scope: StepScope) {
        for reference in expression.pathReferences { checkPath(reference, in: recipe, scope: scope) }
        for call in expression.functionCalls where call.name == "lookup" { checkLookup(call) }
    }

    /// `trigger...`, `steps.<id>.output...`, `vars.<name>`, loop variables, `error`.
    private func checkPath(_ reference: PathReference, in recipe: Recipe, scope: StepScope) {
        let root = reference.root
        let known = ExpressionNames.global + scope.locals
        guard known.contains(root) else {
            var message = "unknown name '\(root)'\(Suggestion.didYouMean(root, among: known + [ExpressionNames.error]))"
            if root == ExpressionNames.error {
                message = "'error' is only available in catch and onError steps"
            }
            sink.error(message, at: reference.location)
            return
        }
        let first = reference.components.first?.key
        switch root {
        case ExpressionNames.steps:
            guard let stepID = first else { return }
            checkStepReference(stepID, reference: reference, in: recipe, scope: scope)
        case ExpressionNames.input, ExpressionNames.trigger:
            guard let function = recipe.function, let name = first else { return }
            if function.parameter(named: name) == nil {
                let hint = Suggestion.didYouMean(name, among: function.parameters.map(\.name))
                sink.error("'\(name)' is not a parameter of recipe '\(recipe.id)'\(hint)", at: reference.location)
            }
        case ExpressionNames.vars:
            guard let name = first, !scope.vars.contains(name) else { return }
            let hint = Suggestion.didYouMean(name, among: scope.vars)
            sink.warning("variable '\(name)' is not set by any earlier step\(hint)", at: reference.location)
        default:
            break
        }
    }

    private func checkStepReference(_ stepID: String, reference: PathReference, in recipe: Recipe, scope: StepScope) {
        if !scope.allStepIDs.contains(stepID) {
            let hint = Suggestion.didYouMean(stepID, among: scope.allStepIDs.sorted())
            sink.error("no step '\(stepID)' in recipe '\(recipe.id)'\(hint)", at: reference.location)
        } else if stepID == scope.current {
            sink.error("step '\(stepID)' cannot read its own output", at: reference.location)
        } else if !scope.ran.contains(stepID) {
            sink.error("step '\(stepID)' has not run at this point of the recipe", at: reference.location)
        } else if reference.components.count > 1, let field = reference.components[1].key, field != "output" {
            sink.error(
                "a step's result is read as steps.\(stepID).output, not steps.\(stepID).\(field)",
                at: reference.location)
        }
    }

    /// `lookup('table', {column: value})`: the table and its columns must exist.
    private func checkLookup(_ call: FunctionCallReference) {
        guard let tableName = call.arguments.first?.literalString else { return }
        guard let table = project.tables[tableName] else {
            let hint = Suggestion.didYouMean(tableName, among: project.tables.names)
            sink.error("no lookup table '\(tableName)' in lookup-tables/\(hint)", at: call.location)
            return
        }
        guard call.arguments.count > 1, let keys = call.arguments[1].objectLiteralKeys else { return }
        for key in keys where !table.columns.contains(key) {
            let hint = Suggestion.didYouMean(key, among: table.columns)
            sink.error("lookup table '\(tableName)' has no column '\(key)'\(hint)", at: call.location)
        }
    }

    /// The callee exists, is a function, and receives every required parameter and nothing else.
    func checkCall(_ call: CallStep, at step: Step, in recipe: Recipe) {
        guard let calleeID = project.resolve(call.target, from: recipe.id), let callee = project.recipes[calleeID] else {
            let candidates = project.recipes.keys.filter { $0.folder == recipe.id.folder }.map(\.name)
                + project.recipes.keys.map(\.description)
            let hint = Suggestion.didYouMean(call.target, among: candidates)
            sink.error("no recipe '\(call.target)' to call\(hint)", at: call.targetLocation)
            return
        }
        guard let function = callee.function else {
            sink.error(
                "recipe '\(calleeID)' cannot be called: its trigger is \(callee.trigger.kindName), not function",
                at: call.targetLocation)
            return
        }
        for assignment in call.input {
            guard let parameter = function.parameter(named: assignment.name) else {
                let hint = Suggestion.didYouMean(assignment.name, among: function.parameters.map(\.name))
                sink.error("recipe '\(calleeID)' has no parameter '\(assignment.name)'\(hint)", at: assignment.location)
                continue
            }
            if case .literal(let value) = assignment.value, !value.isNull, !parameter.type.accepts(value) {
                sink.error(
                    "parameter '\(parameter.name)' of '\(calleeID)' is \(parameter.type.rawValue), not \(value.typeName)",
                    at: assignment.location)
            }
        }
        let passed = Set(call.input.map(\.name))
        for parameter in function.parameters where parameter.required && parameter.defaultValue == nil {
            if !passed.contains(parameter.name) {
                sink.error(
                    "call of '\(calleeID)' does not pass its required parameter '\(parameter.name)'",
                    at: step.location, notes: [.note("'\(parameter.name)' is declared here", at: parameter.location)])
            }
        }
    }

    /// `return` belongs to function recipes, and a literal result object must match the
    /// declared result fields.
    func checkReturn(_ result: Template, at step: Step, in recipe: Recipe) {
        guard let function = recipe.function else {
            sink.error(
                "'return' is for function recipes; recipe '\(recipe.id)' has a \(recipe.trigger.kindName) trigger "
                    + "(use 'stop' to end the job)", at: step.location)
            return
        }
        guard let declared = function.result, let keys = result.objectKeys else { return }
        for key in keys where !declared.contains(where: { $0.name == key }) {
            let hint = Suggestion.didYouMean(key, among: declared.map(\.name))
            sink.error("'\(key)' is not a declared result field of '\(recipe.id)'\(hint)", at: step.location)
        }
        for field in declared where field.required && !keys.contains(field.name) {
            sink.error("return of '\(recipe.id)' is missing the result field '\(field.name)'", at: step.location)
        }
    }
}

extension PathComponent {
    /// The member name of a `.key` component.
    var key: String? {
        if case .key(let name) = self { return name }
        return nil
    }
}

extension Template {
    /// The keys of a template that is an object (literal or mapped), for checking results.
    var objectKeys: [String]? {
        switch self {
        case .literal(.object(let object)): object.keys
        case .object(let members): members.map(\.key)
        default: nil
        }
    }
}
