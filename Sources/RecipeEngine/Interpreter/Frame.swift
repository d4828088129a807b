import RecipeData
import RecipeExpressions
import RecipeModel

/// The names visible to expressions while one recipe of a job runs: its trigger or input,
/// the outputs of its steps so far, its variables, loop variables and the current error.
final class Frame: EvaluationScope {
    let recipe: Recipe
    /// `folder/name`, computed once for the step records.
    let recipeName: String
    let trigger: JSONValue
    let job: JSONValue
    /// `steps.<id>` → `{"output": ...}`.
    var steps = JSONObject()
    var vars = JSONObject()
    /// Loop variables and `error`, innermost last assigned.
    var locals: [String: JSONValue] = [:]
    /// Segments of the calling steps (empty for the job's own recipe).
    let callers: [StepPath.Segment]
    /// Indices of the enclosing loops inside this recipe.
    var iterations: [Int] = []

    init(recipe: Recipe, trigger: JSONValue, job: JSONValue, callers: [StepPath.Segment]) {
        self.recipe = recipe
        self.recipeName = recipe.qualifiedName
        self.trigger = trigger
        self.job = job
        self.callers = callers
    }

    var callDepth: Int { callers.count }

    func value(forName name: String) -> JSONValue? {
        if !locals.isEmpty, let local = locals[name] { return local }
        switch name {
        case ExpressionNames.trigger, ExpressionNames.input: return trigger
        case ExpressionNames.steps: return .object(steps)
        case ExpressionNames.vars: return .object(vars)
        case ExpressionNames.job: return job
        default: return nil
        }
    }

    func segment(for step: Step) -> StepPath.Segment {
        StepPath.Segment(recipe: recipeName, step: step.id, iterations: iterations)
    }

    func path(for step: Step) -> StepPath {
        var segments = callers  // one allocation per step: reserve, then append
        segments.reserveCapacity(callers.count + 1)
        segments.append(segment(for: step))
        return StepPath(segments)
    }

    func setOutput(_ output: JSONValue, of step: Step) {
        steps[step.id] = .object(["output": output])
    }
}
