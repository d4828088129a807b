import RecipeData
import RecipeExpressions

extension RecipeDecoder {
    /// Fields every step may have, besides the keyword that selects its kind.
    static let commonStepFields = ["id", "description", "retry", "onError"]

    /// The extra fields each step kind allows.
    static let stepKindFields: [String: [String]] = [
        "action": ["connection", "input"],
        "call": ["input", "async"],
        "if": ["then", "else"],
        "foreach": ["as", "index", "steps"],
        "set": [],
        "stop": [],
        "return": [],
        "try": ["catch"],
        "notify": [],
    ]

    static var allStepFields: [String] {
        commonStepFields + StepKind.keywords + stepKindFields.values.flatMap { $0 }
    }

    static let retryFields = ["retries", "delay", "backoff", "maxDelay"]

    func decodeStep(_ node: JSONNode) -> Step? {
        let id = node.member("id")?.value.stringValue
        let subject = id.map { "step '\($0)'" } ?? "step"
        let keywords = StepKind.keywords.filter { node.member($0) != nil }
        guard node.members != nil else {
            sink.error("\(subject) must be an object, not \(node.typeName)", at: node.location)
            return nil
        }
        guard keywords.count == 1, let keyword = keywords.first else {
            if keywords.isEmpty {
                sink.error(
                    "\(subject) needs one of: \(StepKind.keywords.joined(separator: ", "))", at: node.location)
            } else {
                sink.error("\(subject) has several kinds (\(keywords.joined(separator: ", "))); split it", at: node.location)
            }
            _ = ObjectReader(node, subject: subject, allowed: Self.allStepFields, sink: sink)
            return nil
        }
        let allowed = Self.commonStepFields + [keyword] + (Self.stepKindFields[keyword] ?? [])
        guard let reader = ObjectReader(node, subject: subject, allowed: allowed, sink: sink) else { return nil }
        let stepID = reader.name("id", required: true)
        if let stepID, !Self.isIdentifier(stepID) {
            sink.error(
                "step id '\(stepID)' must start with a letter or '_' and contain only letters, digits and '_' "
                    + "(it is used in paths such as steps.\(stepID).output)", at: reader.node("id")?.location)
        }
        let retry = reader.object("retry", subject: "retry policy of \(subject)", allowed: Self.retryFields)
            .flatMap(decodeRetry)
        if retry != nil, !["action", "call", "try", "notify"].contains(keyword) {
            sink.error("'retry' applies to action, call, try and notify steps, not '\(keyword)'", at: reader.member("retry")?.keyLocation)
        }
        let onError = reader.array("onError").map(decodeSteps)
        guard let kind = decodeKind(keyword, reader: reader, subject: subject), let stepID else { return nil }
        return Step(
            id: stepID, kind: kind, retry: retry, onError: onError, description: reader.string("description"),
            location: node.location)
    }

    private func decodeKind(_ keyword: String, reader: ObjectReader, subject: String) -> StepKind? {
        guard let body = reader.node(keyword) else { return nil }
        switch keyword {
        case "action":
            let connection = reader.name("connection", required: true)
            let action = reader.name("action")
            let input = reader.node("input").map(compiler.template) ?? .literal(.object([:]))
            guard let connection, let action else { return nil }
            return .action(ActionStep(connection: connection, action: action, input: input))
        case "call":
            guard let target = reader.name("call") else { return nil }
            let input = reader.node("input").map { assignments($0, field: "input", subject: subject) } ?? []
            return .call(
                CallStep(target: target, targetLocation: body.location, input: input, async: reader.bool("async") ?? false))
        case "if":
            let condition = compiler.expression(body, field: "if", subject: subject)
            let then = reader.array("then", required: true).map(decodeSteps) ?? []
            let otherwise = reader.array("else").map(decodeSteps) ?? []
            return condition.map { .condition(ConditionStep(condition: $0, then: then, otherwise: otherwise)) }
        case "foreach":
            let items = compiler.expression(body, field: "foreach", subject: subject)
            let itemName = variableName(reader, "as", default: "item")
            let indexName = variableName(reader, "index", default: "index")
            let steps = reader.array("steps", required: true).map(decodeSteps) ?? []
            return items.map { .loop(LoopStep(items: $0, itemName: itemName, indexName: indexName, steps: steps)) }
        case "set":
            guard body.members != nil else {
                sink.error("'set' in \(subject) must be an object of name: value", at: body.location)
                return nil
            }
            return .set(assignments(body, field: "set", subject: subject))
        case "stop":
            guard let stop = ObjectReader(body, subject: "stop of \(subject)", allowed: ["status", "message"], sink: sink)
            else { return nil }
            let status = stop.string("status") ?? "succeeded"
            guard ["succeeded", "failed", "skipped"].contains(status) else {
                sink.error(
                    "'status' of a stop must be \"succeeded\", \"failed\" or \"skipped\", not \"\(status)\"",
                    at: stop.node("status")?.location)
                return nil
            }
            return .stop(
                StopStep(failed: status == "failed", skipped: status == "skipped", message: stop.node("message").map(compiler.template)))
        case "return":
            return .return(compiler.template(body))
        case "try":
            guard let items = reader.array("try") else { return nil }
            let catchSteps = reader.array("catch").map(decodeSteps) ?? []
            return .try(TryStep(steps: decodeSteps(items), catchSteps: catchSteps))
        case "notify":
            guard
                let notify = ObjectReader(
                    body, subject: "notify of \(subject)", allowed: ["to", "subject", "body"], sink: sink)
            else { return nil }
            let to = notify.node("to", required: true).map(compiler.template)
            let mailSubject = notify.node("subject", required: true).map(compiler.template)
            let text = notify.node("body").map(compiler.template) ?? .literal("")
            guard let to, let mailSubject else { return nil }
            return .notify(NotifyStep(to: to, subject: mailSubject, body: text))
        default:
            return nil
        }
    }

    private func assignments(_ node: JSONNode, field: String, subject: String) -> [Assignment] {
        guard let members = node.members else {
            sink.error("'\(field)' in \(subject) must be an object of name: value, not \(node.typeName)", at: node.location)
            return []
        }
        var seen: Set<String> = []
        return members.compactMap { member in
            guard seen.insert(member.key).inserted else {
                sink.error("duplicate key '\(member.key)' in '\(field)' of \(subject)", at: member.keyLocation)
                return nil
            }
            return Assignment(name: member.key, value: compiler.template(member.value), location: member.keyLocation)
        }
    }

    private func variableName(_ reader: ObjectReader, _ key: String, default fallback: String) -> String {
        guard let name = reader.name(key) else { return fallback }
        if !Self.isIdentifier(name) || ExpressionNames.reserved.contains(name) {
            sink.error("'\(name)' cannot name a loop variable; use a plain identifier that is not a reserved name", at: reader.node(key)?.location)
        }
        return name
    }

    private func decodeRetry(_ reader: ObjectReader) -> RetryPolicy? {
        let retries = reader.integer("retries", in: 0...RetryPolicy.maxRetries)
        if !reader.has("retries") {
            sink.error("retry policy needs 'retries' (0-\(RetryPolicy.maxRetries))", at: reader.location)
        }
        var policy = RetryPolicy(retries: retries ?? 0)
        if let delay = reader.duration("delay", atMost: RetryPolicy.maxDelay) { policy.delay = delay }
        if let maxDelay = reader.duration("maxDelay", atMost: RetryPolicy.maxDelay) { policy.maxDelay = maxDelay }
        if let backoff = reader.string("backoff") {
            guard let value = RetryPolicy.Backoff(rawValue: backoff) else {
                sink.error("'backoff' must be \"constant\" or \"exponential\", not \"\(backoff)\"", at: reader.node("backoff")?.location)
                return nil
            }
            policy.backoff = value
        }
        return retries == nil ? nil : policy
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
