import RecipeData
import RecipeEngine

/// Renders job records for people: the one-line summary and the step-by-step trace.
struct TraceRenderer {
    /// Values longer than this are cut in the trace (the `--json` output has them whole).
    var maxValueLength = 400

    func summary(of record: JobRecord) -> String {
        var lines = ["job \(record.id) \(record.recipe) \(record.status.rawValue) in \(milliseconds(record.duration))"]
        if let message = record.message { lines.append(DisplayText.line("message: \(message)")) }
        if let error = record.error { lines.append("error: \(describe(error))") }
        if !record.result.isNull { lines.append("result: \(record.result.jsonString())") }
        for child in record.children {
            lines.append(summary(of: child).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        }
        return lines.joined(separator: "\n")
    }

    /// One line on the jobs a job started asynchronously (and theirs): how many, which failed.
    /// `nil` when it started none.
    func treeSummary(of record: JobRecord) -> String? {
        let tree = record.jobTree
        guard tree.count > 1 else { return nil }
        let failed = record.failedJobs
        guard !failed.isEmpty else { return "\(tree.count) jobs, none failed" }
        return "\(tree.count) jobs, \(failed.count) failed: "
            + failed.map { "job \($0.id) \($0.recipe)" }.joined(separator: ", ")
    }

    func trace(of record: JobRecord) -> String {
        var lines: [String] = ["trace of job \(record.id) (\(record.recipe))"]
        for step in record.steps {
            let indent = String(repeating: "  ", count: step.callDepth + 1)
            var line = "\(indent)\(step.recipe)#\(step.step) \(step.kind.rawValue) \(step.status.rawValue)"
            line += " \(milliseconds(step.duration))"
            if step.attempts > 1 { line += " after \(step.attempts) attempts" }
            if let iterations = step.path.segments.last?.iterations, !iterations.isEmpty {
                line += " iteration " + iterations.map(String.init).joined(separator: ".")
            }
            lines.append(line)
            if let input = step.input { lines.append("\(indent)  input:  \(cut(input.jsonString()))") }
            if let output = step.output { lines.append("\(indent)  output: \(cut(output.jsonString()))") }
            for request in step.requests {
                let status = request["status"]?.intValue.map(String.init) ?? (request["failure"]?.stringValue ?? "no answer")
                let purpose = request["purpose"]?.stringValue ?? "action"
                lines.append(DisplayText.line(
                    "\(indent)  http:   \(request["method"]?.stringValue ?? "") \(request["url"]?.stringValue ?? "") → \(status)"
                        + " (\(request["durationMs"]?.intValue ?? 0) ms\(purpose == "action" ? "" : ", " + purpose))"))
            }
            if let error = step.error { lines.append("\(indent)  error:  \(describe(error))") }
        }
        for child in record.children { lines.append(trace(of: child)) }
        return lines.joined(separator: "\n")
    }

    func describe(_ error: JobError) -> String {
        var text = error.message
        if let location = error.location { text = "\(location): \(text)" }
        var facts: [String] = [error.type.rawValue]
        if let status = error.status { facts.append("HTTP \(status)") }
        if let recipe = error.recipe, let step = error.step { facts.append("at \(recipe)#\(step)") }
        return DisplayText.line("\(text) (\(facts.joined(separator: ", ")))")
    }

    private func cut(_ text: String) -> String {
        text.count <= maxValueLength ? text : String(text.prefix(maxValueLength)) + "… (\(text.utf8.count) bytes)"
    }

    private func milliseconds(_ duration: Duration) -> String {
        let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        if micros < 1000 { return "\(micros) µs" }
        let ms = Double(micros) / 1000
        return ms < 100 ? "\((ms * 10).rounded() / 10) ms" : "\(Int(ms)) ms"
    }
}
