import RecipeData
import RecipeEngine

extension Expectations {
    /// Every expectation the observed job does not meet, in the order they are written.
    func mismatches(in observed: TestObservation) -> [Mismatch] {
        let record = observed.record
        var found: [Mismatch] = []
        if record.status.rawValue != status.value {
            found.append(Mismatch("status", expected: .string(status.value), actual: .string(record.status.rawValue), at: status.location))
        }
        if let result {
            found += JSONSubset.mismatches(expected: result.value, actual: record.result, subject: "result", at: result.location)
        }
        if let message {
            found += contains(message.value, record.message, subject: "message", at: message.location)
        }
        if let error { found += error.mismatches(in: record) }
        for step in steps { found += step.mismatches(in: record) }
        if let actions { found += Self.listMismatches(actions, observed.actions, subject: "actions") }
        if let mails { found += Self.listMismatches(mails, observed.mails, subject: "mails") }
        return found
    }

    /// Expected and actual items side by side: a missing or extra item is one mismatch, a
    /// present one is compared field by field.
    private static func listMismatches<Item: ExpectedItem>(
        _ expected: Located<[Item]>, _ actual: [Item.Actual], subject: String
    ) -> [Mismatch] {
        var found: [Mismatch] = []
        for index in 0..<max(expected.value.count, actual.count) {
            let name = "\(subject)[\(index)]"
            switch (index < expected.value.count ? expected.value[index] : nil, index < actual.count ? actual[index] : nil) {
            case (let wanted?, let got?): found += wanted.mismatches(with: got, subject: name)
            case (let wanted?, nil): found.append(Mismatch(name, expected: wanted.summary, actual: nil, at: wanted.location))
            case (nil, let got?): found.append(Mismatch(name, expected: nil, actual: Item.summary(of: got), at: expected.location))
            case (nil, nil): break
            }
        }
        return found
    }
}

extension ExpectedError {
    func mismatches(in record: JobRecord) -> [Mismatch] {
        guard let error = record.error else {
            return [Mismatch("error", expected: summary, actual: nil, at: location)]
        }
        var found: [Mismatch] = []
        if let type, type.value != error.type.rawValue {
            found.append(Mismatch("error.type", expected: .string(type.value), actual: .string(error.type.rawValue), at: type.location))
        }
        if let message { found += contains(message.value, error.message, subject: "error.message", at: message.location) }
        if let step, step.value != error.step {
            found.append(Mismatch("error.step", expected: .string(step.value), actual: error.step.map(JSONValue.string), at: step.location))
        }
        return found
    }

    private var summary: JSONValue {
        var object = JSONObject()
        if let type { object["type"] = .string(type.value) }
        if let message { object["message"] = .string(message.value) }
        if let step { object["step"] = .string(step.value) }
        return .object(object)
    }
}

extension ExpectedStep {
    /// The first record of the named step anywhere in the job tree: `step` names a step of the
    /// job's own recipe, `recipe#step` one of a called recipe (`recipe` with or without its folder).
    func mismatches(in record: JobRecord) -> [Mismatch] {
        let subject = JSONSubset.member("steps", name)
        let parts = name.split(separator: "#", maxSplits: 1).map(String.init)
        let steps = record.jobTree.flatMap(\.steps)
        let match = steps.first { step in
            if parts.count == 2 {
                return step.step == parts[1] && (step.recipe == parts[0] || step.recipe.hasSuffix("/" + parts[0]))
            }
            return step.step == name && step.recipe == record.recipe
        }
        guard let match else { return [Mismatch(subject, expected: .string("a run of step \(name)"), actual: nil, at: location)] }
        var found: [Mismatch] = []
        if let status, status != match.status.rawValue {
            found.append(Mismatch("\(subject).status", expected: .string(status), actual: .string(match.status.rawValue), at: location))
        }
        if let output {
            found += JSONSubset.mismatches(expected: output, actual: match.output ?? .null, subject: "\(subject).output", at: location)
        }
        return found
    }
}
