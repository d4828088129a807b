import RecipeData
import RecipeEngine

extension TestReportRenderer {
    /// The `--json` document:
    /// `{"passed": N, "failed": N, "cases": [{"file", "outcome", "recipe", "job", "actions",
    /// "mails", "mismatches", "diagnostics"}]}` (see docs/recipe-tests.md).
    public func json(of report: TestReport) -> JSONValue {
        [
            "passed": .int(report.passed), "failed": .int(report.failed),
            "cases": .array(report.cases.map(json(of:))),
        ]
    }

    func json(of result: TestCaseResult) -> JSONValue {
        var object: JSONObject = ["file": .string(result.file), "outcome": .string(result.outcome.rawValue)]
        if let recipe = result.recipe { object["recipe"] = .string(recipe) }
        if let description = result.description { object["description"] = .string(description) }
        if let observation = result.observation {
            let record = observation.record
            var job: JSONObject = ["id": .string(record.id), "status": .string(record.status.rawValue), "result": record.result]
            if let message = record.message { job["message"] = .string(message) }
            if let error = record.error { job["error"] = error.jsonValue }
            object["job"] = .object(job)
            object["actions"] = .array(observation.actions.map(ExpectedAction.summary(of:)))
            object["mails"] = .array(
                observation.mails.map { ["to": .string($0.to), "subject": .string($0.subject), "body": .string($0.body)] })
        }
        object["mismatches"] = .array(result.mismatches.map(json(of:)))
        object["diagnostics"] = .array(result.diagnostics.map(json(of:)))
        return .object(object)
    }

    func json(of mismatch: Mismatch) -> JSONValue {
        var object: JSONObject = [
            "subject": .string(mismatch.subject), "comparison": .string(mismatch.comparison.rawValue),
            "line": .int(mismatch.location.line), "column": .int(mismatch.location.column),
        ]
        // An absent member means "nothing": no such action or e-mail, no such value.
        if let expected = mismatch.expected { object["expected"] = expected }
        if let actual = mismatch.actual { object["actual"] = actual }
        return .object(object)
    }

    func json(of diagnostic: Diagnostic) -> JSONValue {
        var object: JSONObject = ["severity": .string(diagnostic.severity.rawValue), "message": .string(diagnostic.message)]
        if let location = diagnostic.location {
            object["file"] = .string(location.file)
            object["line"] = .int(location.line)
            object["column"] = .int(location.column)
        }
        return .object(object)
    }
}
