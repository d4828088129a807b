import RecipeData
import RecipeEngine
import RecipeModel

extension TestCaseDecoder {
    static let mockResponseFields = ["output", "error"]
    static let mockErrorFields = ["status", "message", "retryAfter", "kind", "details"]
    /// `ConnectorError.Kind` names a mock may use.
    static let mockErrorKinds = ["http", "rateLimited", "timeout", "network", "invalidRequest"]

    /// Checks a mocks document (the format of `recipes run --mocks`, `ScriptedConnector`)
    /// with locations, more strictly than `recipes run` does: unknown fields and error kinds
    /// are errors here. Returns the plain document when it is sound.
    func checkedMocks(_ root: JSONNode) -> JSONValue? {
        let errorsBefore = sink.errorCount
        guard let connections = root.members else {
            sink.error("'mocks' must be an object of connections, not \(root.typeName)", at: root.location)
            return nil
        }
        for member in connections {
            guard let actions = member.value.members else {
                sink.error("mocks for connection '\(member.key)' must be an object of actions, not \(member.value.typeName)", at: member.value.location)
                continue
            }
            for action in actions {
                let name = "\(member.key).\(action.key)"
                let entries = action.value.items ?? [action.value]
                if entries.isEmpty { sink.error("mock \(name) needs at least one response", at: action.value.location) }
                for (index, entry) in entries.enumerated() {
                    checkResponse(entry, name: action.value.items == nil ? name : "\(name)[\(index)]")
                }
            }
        }
        guard sink.errorCount == errorsBefore else { return nil }
        let document = root.value
        do {
            _ = try ScriptedConnector.registry(fromMocks: document)
        } catch {
            sink.error("mocks: \(error.message)", at: root.location)
            return nil
        }
        return document
    }

    private func checkResponse(_ node: JSONNode, name: String) {
        let subject = "mock response \(name)"
        let errorsBefore = sink.errorCount
        guard let reader = ObjectReader(node, subject: subject, allowed: Self.mockResponseFields, sink: sink) else { return }
        // An unknown key (`outptu`) is already reported, with its suggestion.
        guard reader.has("output") != reader.has("error") || sink.errorCount > errorsBefore else {
            sink.error("\(subject) needs exactly one of \"output\" or \"error\"", at: node.location)
            return
        }
        guard sink.errorCount == errorsBefore else { return }
        guard let error = reader.object("error", subject: "the error of \(subject)", allowed: Self.mockErrorFields) else { return }
        _ = error.integer("status", in: 100...599)
        _ = error.string("message")
        if let wait = error.node("retryAfter"), (wait.value.doubleValue ?? -1) < 0 {
            sink.error("'retryAfter' in the error of \(subject) must be a number of seconds, 0 or more", at: wait.location)
        }
        if let kind = error.node("kind"), !(kind.stringValue.map(Self.mockErrorKinds.contains) ?? false) {
            let hint = kind.stringValue.map { Suggestion.didYouMean($0, among: Self.mockErrorKinds) } ?? ""
            sink.error(
                "'kind' in the error of \(subject) must be one of \(Self.mockErrorKinds.joined(separator: ", "))\(hint)",
                at: kind.location)
        }
    }
}
