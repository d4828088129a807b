import RecipeData

extension JobRecord {
    /// The record as JSON, the shape `recipes run --json` prints and the job store keeps.
    public var jsonValue: JSONValue {
        var object: JSONObject = [
            "id": .string(id), "recipe": .string(recipe), "status": .string(status.rawValue),
            "startedAt": .string(Timestamp.iso8601(startedAt)), "finishedAt": .string(Timestamp.iso8601(finishedAt)),
            "durationMs": .double(Double(duration.milliseconds)),
        ]
        if let parentID { object["parentId"] = .string(parentID) }
        if let contentHash { object["contentHash"] = .string(contentHash) }
        object["trigger"] = trigger
        object["result"] = result
        if let message { object["message"] = .string(message) }
        if let error { object["error"] = error.jsonValue }
        object["steps"] = .array(steps.map(\.jsonValue))
        if !children.isEmpty { object["children"] = .array(children.map(\.jsonValue)) }
        return .object(object)
    }
}

extension StepRecord {
    public var jsonValue: JSONValue {
        var object: JSONObject = [
            "path": .string(path.description), "recipe": .string(recipe), "step": .string(step),
            "kind": .string(kind.rawValue), "status": .string(status.rawValue), "attempts": .int(attempts),
            "startedAt": .string(Timestamp.iso8601(startedAt)),
            "durationMs": .double(Double(duration.components.attoseconds / 1_000_000_000_000) / 1000 + Double(duration.components.seconds) * 1000),
        ]
        if let input { object["input"] = input }
        if let output { object["output"] = output }
        if let error { object["error"] = error.jsonValue }
        if !requests.isEmpty { object["requests"] = .array(requests) }
        return .object(object)
    }
}
