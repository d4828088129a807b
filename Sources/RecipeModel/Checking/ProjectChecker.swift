import RecipeData
import RecipeExpressions

/// Checks what a single file cannot show on its own: sub-recipe references and their
/// parameters, call cycles, step references, lookup tables and columns, unreachable steps.
struct ProjectChecker {
    let project: Project
    let sink: DiagnosticSink

    func check() {
        for recipe in project.sortedRecipes {
            checkStepIDs(recipe)
            var scope = StepScope(recipe: recipe)
            checkSteps(recipe.steps, in: recipe, scope: &scope)
            if !recipe.onError.isEmpty {
                var handlerScope = scope
                handlerScope.locals.insert(ExpressionNames.error)
                checkSteps(recipe.onError, in: recipe, scope: &handlerScope)
            }
            if case .webhook(let webhook) = recipe.trigger, let key = webhook.key {
                checkExpression(key, in: recipe, scope: StepScope(recipe: recipe))
            }
            if case .webhook(let webhook) = recipe.trigger, let filter = webhook.filter {
                checkExpression(filter, in: recipe, scope: StepScope(recipe: recipe))
            }
        }
        CallCycleFinder(project: project, sink: sink).report()
    }

    /// Step ids are unique within a recipe: they name outputs and journal entries.
    private func checkStepIDs(_ recipe: Recipe) {
        var first: [String: SourceLocation] = [:]
        recipe.forEachStep { step in
            if let earlier = first[step.id] {
                sink.error(
                    "duplicate step id '\(step.id)' in recipe '\(recipe.id)'", at: step.location,
                    notes: [.note("first '\(step.id)' is here", at: earlier)])
            } else {
                first[step.id] = step.location
            }
        }
    }

    /// Checks a list of steps in order; `scope` grows with each step that has run.
    func checkSteps(_ steps: [Step], in recipe: Recipe, scope: inout StepScope) {
        var ended: Step?
        for step in steps {
            if let ended {
                sink.warning(
                    "step '\(step.id)' is never run: '\(ended.id)' ends the job before it", at: step.location)
                break
            }
            checkStep(step, in: recipe, scope: &scope)
            switch step.kind {
            case .stop, .return: ended = step
            default: break
            }
        }
    }

    private func checkStep(_ step: Step, in recipe: Recipe, scope: inout StepScope) {
        scope.current = step.id
        switch step.kind {
        case .action(let action):
            checkTemplate(action.input, in: recipe, scope: scope)
        case .call(let call):
            call.input.forEach { checkTemplate($0.value, in: recipe, scope: scope) }
            checkCall(call, at: step, in: recipe)
        case .condition(let condition):
            checkExpression(condition.condition, in: recipe, scope: scope)
            var thenScope = scope
            checkSteps(condition.then, in: recipe, scope: &thenScope)
            var elseScope = scope
            checkSteps(condition.otherwise, in: recipe, scope: &elseScope)
            scope.ran.formUnion(thenScope.ran.union(elseScope.ran))
            scope.vars.formUnion(thenScope.vars.union(elseScope.vars))
        case .loop(let loop):
            checkExpression(loop.items, in: recipe, scope: scope)
            var body = scope
            body.locals.formUnion([loop.itemName, loop.indexName])
            checkSteps(loop.steps, in: recipe, scope: &body)
            scope.ran.formUnion(body.ran)
            scope.vars.formUnion(body.vars)
        case .set(let assignments):
            assignments.forEach { checkTemplate($0.value, in: recipe, scope: scope) }
            scope.vars.formUnion(assignments.map(\.name))
        case .stop(let stop):
            if let message = stop.message { checkTemplate(message, in: recipe, scope: scope) }
        case .return(let result):
            checkTemplate(result, in: recipe, scope: scope)
            checkReturn(result, at: step, in: recipe)
        case .try(let block):
            var body = scope
            checkSteps(block.steps, in: recipe, scope: &body)
            var handler = scope
            handler.locals.insert(ExpressionNames.error)
            handler.ran.formUnion(body.ran)
            checkSteps(block.catchSteps, in: recipe, scope: &handler)
            scope.ran.formUnion(handler.ran)
            scope.vars.formUnion(body.vars.union(handler.vars))
        case .notify(let notify):
            [notify.to, notify.subject, notify.body].forEach { checkTemplate($0, in: recipe, scope: scope) }
        }
        if let onError = step.onError {
            var handler = scope
            handler.locals.insert(ExpressionNames.error)
            checkSteps(onError, in: recipe, scope: &handler)
            scope.vars.formUnion(handler.vars)
        }
        scope.ran.insert(step.id)
    }
}

/// What is visible at a point of a recipe: steps that have run, variables set, loop and
/// error names.
struct StepScope {
    let recipe: Recipe
    /// Every step id of the recipe, collected once.
    let allStepIDs: Set<String>
    var ran: Set<String> = []
    var vars: Set<String> = []
    var locals: Set<String> = []
    var current: String?

    init(recipe: Recipe) {
        self.recipe = recipe
        var ids: Set<String> = []
        recipe.forEachStep { ids.insert($0.id) }
        allStepIDs = ids
    }
}

extension Recipe {
    /// Visits every step, nested ones included, in document order.
    public func forEachStep(_ body: (Step) -> Void) {
        func visit(_ steps: [Step]) {
            for step in steps {
                body(step)
                switch step.kind {
                case .condition(let c):
                    visit(c.then)
                    visit(c.otherwise)
                case .loop(let l): visit(l.steps)
                case .try(let t):
                    visit(t.steps)
                    visit(t.catchSteps)
                default: break
                }
                if let onError = step.onError { visit(onError) }
            }
        }
        visit(steps)
        visit(onError)
    }
}
