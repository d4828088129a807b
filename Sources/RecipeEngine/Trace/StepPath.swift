/// The stable name of one execution of a step inside a job:
/// `capture-update#retrieve > retrieve-employee#fetch[3]` reads "step `fetch` of recipe
/// `retrieve-employee`, in loop iteration 3, called by step `retrieve` of `capture-update`".
///
/// It does not depend on timing or on the order async work finished in, so a resumed job
/// finds the records of the steps it already completed (the journal is keyed by it).
public struct StepPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public struct Segment: Sendable, Hashable {
        public var recipe: String
        public var step: String
        /// Loop iteration indices of enclosing `foreach` steps inside this recipe, outermost first.
        public var iterations: [Int]

        public init(recipe: String, step: String, iterations: [Int] = []) {
            self.recipe = recipe
            self.step = step
            self.iterations = iterations
        }
    }

    public var segments: [Segment]

    public init(_ segments: [Segment]) { self.segments = segments }

    /// How many sub-recipe calls deep the step runs (0 for the job's own recipe).
    public var callDepth: Int { max(segments.count - 1, 0) }

    public var description: String {
        segments.map { segment in
            "\(segment.recipe)#\(segment.step)" + segment.iterations.map { "[\($0)]" }.joined()
        }.joined(separator: " > ")
    }

    public static func < (lhs: StepPath, rhs: StepPath) -> Bool { lhs.description < rhs.description }
}
