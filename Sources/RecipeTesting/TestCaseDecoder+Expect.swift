import RecipeData
import RecipeEngine
import RecipeModel

extension TestCaseDecoder {
    func decodeExpect(_ reader: ObjectReader) -> Expectations? {
        let status = reader.node("status", required: true).flatMap { node in
            oneOf(node, key: "status", subject: "expect", among: Self.jobStatuses.map(\.rawValue))
        }
        let result = reader.node("result").map { Located($0.value, at: $0.location) }
        let message = reader.string("message").map { Located($0, at: reader.node("message")!.location) }
        let error = reader.object("error", subject: "expect.error", allowed: Self.errorFields).map(decodeError)
        let actions = reader.array("actions").map { items in
            Located(items.enumerated().compactMap { decodeAction($1, index: $0) }, at: reader.node("actions")!.location)
        }
        let mails = reader.array("mails").map { items in
            Located(items.enumerated().compactMap { decodeMail($1, index: $0) }, at: reader.node("mails")!.location)
        }
        let steps = reader.node("steps").map(decodeSteps) ?? []
        guard let status else { return nil }
        return Expectations(status: status, result: result, message: message, error: error, actions: actions, mails: mails, steps: steps)
    }

    private func decodeError(_ reader: ObjectReader) -> ExpectedError {
        let type = reader.node("type").flatMap { node in
            oneOf(node, key: "type", subject: "expect.error", among: JobErrorType.allCases.map(\.rawValue))
        }
        return ExpectedError(
            type: type, message: reader.string("message").map { Located($0, at: reader.node("message")!.location) },
            step: reader.name("step").map { Located($0, at: reader.node("step")!.location) }, location: reader.location)
    }

    private func decodeAction(_ node: JSONNode, index: Int) -> ExpectedAction? {
        guard let reader = ObjectReader(node, subject: "expect.actions[\(index)]", allowed: Self.actionFields, sink: sink),
            let action = reader.name("action", required: true)
        else { return nil }
        let parts = action.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count != 2 || parts.contains(where: \.isEmpty) {
            sink.error(
                "'action' in expect.actions[\(index)] must be connection.action, such as \"docebo.update_user\", not \"\(action)\"",
                at: reader.node("action")?.location)
        }
        return ExpectedAction(
            action: action, input: reader.node("input")?.value, attempts: reader.integer("attempts", in: 1...100),
            location: reader.location)
    }

    private func decodeMail(_ node: JSONNode, index: Int) -> ExpectedMail? {
        guard let reader = ObjectReader(node, subject: "expect.mails[\(index)]", allowed: Self.mailFields, sink: sink) else {
            return nil
        }
        return ExpectedMail(
            to: reader.string("to"), subject: reader.string("subject"), body: reader.string("body"), location: reader.location)
    }

    private func decodeSteps(_ node: JSONNode) -> [ExpectedStep] {
        guard let members = node.members else {
            sink.error("'steps' in expect must be an object of step names, not \(node.typeName)", at: node.location)
            return []
        }
        return members.compactMap { member in
            let subject = "expect.steps['\(member.key)']"
            guard let reader = ObjectReader(member.value, subject: subject, allowed: Self.stepFields, sink: sink) else { return nil }
            let status = reader.node("status").flatMap { node in
                oneOf(node, key: "status", subject: subject, among: Self.stepStatuses.map(\.rawValue))
            }
            return ExpectedStep(name: member.key, status: status?.value, output: reader.node("output")?.value, location: member.keyLocation)
        }
    }

    /// A string that must be one of `names`, with a suggestion for a near miss.
    private func oneOf(_ node: JSONNode, key: String, subject: String, among names: [String]) -> Located<String>? {
        guard let text = node.stringValue, names.contains(text) else {
            let shown = node.stringValue.map { "\"\($0)\"" } ?? node.typeName
            let hint = node.stringValue.map { Suggestion.didYouMean($0, among: names) } ?? ""
            sink.error(
                "'\(key)' in \(subject) must be one of \(names.joined(separator: ", ")), not \(shown)\(hint)", at: node.location)
            return nil
        }
        return Located(text, at: node.location)
    }
}
