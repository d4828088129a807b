import RecipeData
import RecipeEngine

/// Every text `recipes test` prints: a `PASS`/`FAIL` line per case, for a failed case the
/// job's outcome and each unmet expectation as expected/actual, the summary line, and the
/// `--json` document. Text from files and vendors goes through `DisplayText.line`.
public struct TestReportRenderer: Sendable {
    public init() {}

    /// What to print for one case: lines for standard output, and the case file's
    /// diagnostics (`file:line:col: error: ...`) for standard error.
    public func lines(for result: TestCaseResult) -> (out: [String], err: [String]) {
        switch result.outcome {
        case .passed:
            return (["PASS \(DisplayText.line(result.file))"], [])
        case .broken:
            let count = result.diagnostics.count { $0.severity == .error }
            return (
                ["FAIL \(DisplayText.line(result.file)): \(count) error\(count == 1 ? "" : "s") in the test case file"],
                result.diagnostics.map(\.description)
            )
        case .failed:
            var out = ["FAIL \(DisplayText.line(result.file))"]
            if let record = result.observation?.record { out.append("  " + DisplayText.line(jobLine(record))) }
            for mismatch in result.mismatches { out += lines(for: mismatch) }
            return (out, [])
        }
    }

    /// `N passed, N failed`.
    public func summary(of report: TestReport) -> String {
        "\(report.passed) passed, \(report.failed) failed"
    }

    func lines(for mismatch: Mismatch) -> [String] {
        let expectedLabel = mismatch.comparison == .contains ? "expected to contain:" : "expected:"
        let width = expectedLabel.count + 1
        func padded(_ label: String) -> String { label + String(repeating: " ", count: max(width - label.count, 1)) }
        return [
            "  \(DisplayText.line(mismatch.subject)) (line \(mismatch.location.line))",
            "    " + padded(expectedLabel) + DisplayText.line(mismatch.expected.map(show) ?? "(nothing)"),
            "    " + padded("actual:") + DisplayText.line(mismatch.actual.map(show) ?? "(nothing)"),
        ]
    }

    /// `job hibob-docebo/capture-user-update: failed (connector error at
    /// hibob-docebo/create-update-user#existing: HTTP 500 ...)`.
    func jobLine(_ record: JobRecord) -> String {
        var line = "job \(record.recipe): \(record.status.rawValue)"
        if let message = record.message { line += " (\(message))" }
        if let error = record.error {
            let place = [error.recipe, error.step].compactMap { $0 }.joined(separator: "#")
            line += " (\(error.type.rawValue) error\(place.isEmpty ? "" : " at \(place)"): \(error.message))"
        }
        return line
    }

    private func show(_ value: JSONValue) -> String { value.jsonString() }
}
