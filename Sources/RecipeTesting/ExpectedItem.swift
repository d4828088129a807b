import RecipeData
import RecipeEngine

/// Text that must contain `expected`.
func contains(_ expected: String, _ actual: String?, subject: String, at location: SourceLocation) -> [Mismatch] {
    if let actual, actual.contains(expected) { return [] }
    return [Mismatch(subject, .contains, expected: .string(expected), actual: actual.map(JSONValue.string), at: location)]
}

/// An entry of an ordered expectation list (`actions`, `mails`).
protocol ExpectedItem {
    associatedtype Actual
    var location: SourceLocation { get }
    /// The entry as shown when the job had no counterpart.
    var summary: JSONValue { get }
    static func summary(of actual: Actual) -> JSONValue
    func mismatches(with actual: Actual, subject: String) -> [Mismatch]
}

extension ExpectedAction: ExpectedItem {
    var summary: JSONValue {
        var object: JSONObject = ["action": .string(action)]
        if let input { object["input"] = input }
        if let attempts { object["attempts"] = .int(attempts) }
        return .object(object)
    }

    static func summary(of call: ActionCall) -> JSONValue {
        ["action": .string(call.action), "input": call.input, "attempts": .int(call.attempts)]
    }

    func mismatches(with call: ActionCall, subject: String) -> [Mismatch] {
        // Another action here: its input means nothing against this one's.
        guard call.action == action else {
            return [Mismatch(subject, expected: summary, actual: Self.summary(of: call), at: location)]
        }
        var found: [Mismatch] = []
        if let input {
            found += JSONSubset.mismatches(expected: input, actual: call.input, subject: "\(subject).input", at: location)
        }
        if let attempts, attempts != call.attempts {
            found.append(Mismatch("\(subject).attempts", expected: .int(attempts), actual: .int(call.attempts), at: location))
        }
        return found
    }
}

extension ExpectedMail: ExpectedItem {
    var summary: JSONValue {
        var object = JSONObject()
        if let to { object["to"] = .string(to) }
        if let subject { object["subject"] = .string(subject) }
        if let body { object["body"] = .string(body) }
        return .object(object)
    }

    static func summary(of mail: MailNotification) -> JSONValue {
        ["to": .string(mail.to), "subject": .string(mail.subject)]
    }

    func mismatches(with mail: MailNotification, subject name: String) -> [Mismatch] {
        var found: [Mismatch] = []
        if let to, to != mail.to {
            found.append(Mismatch("\(name).to", expected: .string(to), actual: .string(mail.to), at: location))
        }
        if let subject { found += contains(subject, mail.subject, subject: "\(name).subject", at: location) }
        if let body { found += contains(body, mail.body, subject: "\(name).body", at: location) }
        return found
    }
}
