import RecipeExpressions

/// Every limit a job runs under, named so each breach is a clear job error and each is tested
/// on both sides.
public struct EngineLimits: Sendable {
    /// How deep synchronous sub-recipe calls may nest (the job's own recipe is depth 0).
    public var maxCallDepth = 16
    /// Steps executed by one job, counting every loop iteration and sub-recipe step.
    public var maxStepsPerJob = 10_000
    /// Items one `foreach` may iterate over.
    public var maxLoopIterations = 10_000
    /// Size of a trigger payload, a call input or an action result, as compact JSON.
    public var maxPayloadBytes = 1 << 20
    /// Asynchronous calls one job may start, together with the jobs it started that way and
    /// theirs: a child inherits the count, so a recipe that calls itself asynchronously stops.
    public var maxAsyncCallsPerJob = 1_000
    /// Wall-clock time a job may take (Workato's standard job timeout is 90 minutes).
    public var jobTimeout: Duration = .seconds(90 * 60)
    /// Limits of every expression evaluation (budget, string and collection sizes).
    public var expressions = ExpressionLimits()

    public init() {}

    public static let `default` = EngineLimits()
}
