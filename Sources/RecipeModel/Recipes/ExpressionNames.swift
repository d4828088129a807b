/// The names an expression can start with inside a recipe, and what each holds.
public enum ExpressionNames {
    /// What started the job: the webhook delivery body, the call input, or the schedule tick.
    public static let trigger = "trigger"
    /// The parameters of a function recipe (the same object as `trigger` there).
    public static let input = "input"
    /// Outputs of earlier steps: `steps.<id>.output`.
    public static let steps = "steps"
    /// Variables assigned with `set`.
    public static let vars = "vars"
    /// The current error inside `catch`, step `onError` and recipe `onError` steps.
    public static let error = "error"
    /// Facts about the running job: `job.id`, `job.recipe`, `job.startedAt`.
    public static let job = "job"

    /// Names that are always in scope.
    public static let global: [String] = [trigger, input, steps, vars, job]
    /// Names a loop variable may not take.
    public static let reserved: Set<String> = Set(global + [error, "true", "false", "null", "and", "or", "not", "in"])
}
