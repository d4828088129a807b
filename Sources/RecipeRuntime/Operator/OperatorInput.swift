// Checked parsing of the values an operator types: job ids, job statuses, list limits.
import RecipeData
import RecipeStore

/// Parses operator input into store values, with a message naming what was expected.
public enum OperatorInput {
    /// A job id: a whole number from 1 to `Int64.max`, digits only.
    public static func jobID(_ text: String) throws(OperatorInputError) -> Int64 {
        guard !text.isEmpty, text.utf8.count <= 19, text.utf8.allSatisfy({ (48...57).contains($0) }),
            let id = Int64(text), id >= 1
        else { throw OperatorInputError("a job id is a whole number from 1 up, not '\(DisplayText.line(text, limit: 40))'") }
        return id
    }

    /// A job status by name (`queued`, `running`, `succeeded`, `failed`, `cancelled`).
    public static func jobStatus(_ text: String) throws(OperatorInputError) -> StoredJobStatus {
        guard let status = StoredJobStatus(rawValue: text) else {
            let names = StoredJobStatus.allCases.map(\.rawValue)
            let hint = Suggestion.didYouMean(text, among: names)
            throw OperatorInputError(
                "no job status '\(DisplayText.line(text, limit: 40))'\(hint) (one of \(names.joined(separator: ", ")))")
        }
        return status
    }

    /// A row limit from 1 to `OperatorLimits.maxListLimit`.
    public static func listLimit(_ text: String) throws(OperatorInputError) -> Int {
        guard text.utf8.count <= 6, text.utf8.allSatisfy({ (48...57).contains($0) }), let limit = Int(text),
            (1...OperatorLimits.maxListLimit).contains(limit)
        else {
            throw OperatorInputError(
                "a limit is a whole number from 1 to \(OperatorLimits.maxListLimit), not '\(DisplayText.line(text, limit: 40))'")
        }
        return limit
    }
}
