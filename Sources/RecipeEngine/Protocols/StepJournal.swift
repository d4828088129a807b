import RecipeData

/// Completed steps of a job that is being resumed. Before running an action, call or notify
/// step, the interpreter asks the journal; a recorded output is used as-is and the side effect
/// is not repeated. The job store persists the same records; the in-memory journal serves
/// tests and `recipes run`.
public protocol StepJournal: Sendable {
    func completedOutput(at path: StepPath) -> JSONValue?
}

/// A journal built from the step records of an earlier run of the same job.
public struct RecordedJournal: StepJournal {
    private let outputs: [StepPath: JSONValue]

    public init(_ records: [StepRecord]) {
        var outputs: [StepPath: JSONValue] = [:]
        for record in records where (record.status == .succeeded || record.status == .replayed) && record.kind.hasSideEffects {
            outputs[record.path] = record.output ?? .null
        }
        self.outputs = outputs
    }

    public func completedOutput(at path: StepPath) -> JSONValue? { outputs[path] }
}
