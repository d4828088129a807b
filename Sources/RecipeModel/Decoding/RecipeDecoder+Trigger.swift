import Foundation
import RecipeData
import RecipeExpressions

extension RecipeDecoder {
    static let triggerKinds = ["webhook", "schedule", "function", "manual"]

    /// `{"webhook": {...}}`, `{"schedule": {...}}`, `{"function": {...}}` or `{"manual": {}}`.
    func decodeTrigger(_ node: JSONNode) -> Trigger? {
        guard let reader = ObjectReader(node, subject: "trigger", allowed: Self.triggerKinds, sink: sink) else {
            return nil
        }
        let kinds = Self.triggerKinds.filter(reader.has)
        guard kinds.count == 1, let kind = kinds.first, let body = reader.node(kind) else {
            if kinds.isEmpty {
                sink.error("trigger needs one of: \(Self.triggerKinds.joined(separator: ", "))", at: node.location)
            } else {
                sink.error("trigger has several kinds (\(kinds.joined(separator: ", "))); choose one", at: node.location)
            }
            return nil
        }
        switch kind {
        case "webhook": return decodeWebhook(body).map(Trigger.webhook)
        case "schedule": return decodeSchedule(body).map(Trigger.schedule)
        case "function": return decodeFunction(body).map(Trigger.function)
        default:
            _ = ObjectReader(body, subject: "manual trigger", allowed: [], sink: sink)
            return .manual(body.location)
        }
    }

    private func decodeWebhook(_ node: JSONNode) -> WebhookTrigger? {
        let subject = "webhook trigger"
        guard let reader = ObjectReader(node, subject: subject, allowed: ["connection", "events", "filter", "debounce", "key"], sink: sink)
        else { return nil }
        let connection = reader.name("connection", required: true)
        let events = reader.strings("events", required: true)
        if let events, events.isEmpty {
            sink.error("'events' in \(subject) must list at least one event type", at: reader.node("events")?.location)
        }
        let filter = reader.node("filter").flatMap { compiler.expression($0, field: "filter", subject: subject) }
        let debounce = reader.duration("debounce", atMost: WebhookTrigger.maxDebounce)
        let key = reader.node("key").flatMap { compiler.expression($0, field: "key", subject: subject) }
        guard let connection, let events else { return nil }
        return WebhookTrigger(
            connection: connection, events: events, filter: filter, debounce: debounce, key: key, location: node.location)
    }

    private func decodeSchedule(_ node: JSONNode) -> ScheduleTrigger? {
        let subject = "schedule trigger"
        guard
            let reader = ObjectReader(
                node, subject: subject, allowed: ["cron", "timeZone", "runOnStart"], sink: sink)
        else { return nil }
        let zoneName = reader.string("timeZone") ?? "UTC"
        let zone = TimeZone(identifier: zoneName)
        if zone == nil {
            let hint = Suggestion.didYouMean(zoneName, among: TimeZone.knownTimeZoneIdentifiers)
            sink.error("unknown time zone '\(zoneName)'\(hint)", at: reader.node("timeZone")?.location)
        }
        let runOnStart = reader.bool("runOnStart") ?? false
        guard let cronText = reader.string("cron", required: true), let cronNode = reader.node("cron") else {
            return nil
        }
        let cron: CronSchedule
        do {
            cron = try CronSchedule(parsing: cronText)
        } catch {
            let location = file.location(inStringLiteralAt: cronNode.location, decodedUTF8Offset: max(error.offset - 1, 0))
            sink.error("invalid cron expression: \(error.message)", at: location)
            return nil
        }
        guard let zone else { return nil }
        return ScheduleTrigger(
            cron: cron, cronText: cronText, timeZone: zone, runOnStart: runOnStart, location: node.location)
    }

    private func decodeFunction(_ node: JSONNode) -> FunctionTrigger? {
        let subject = "function trigger"
        guard let reader = ObjectReader(node, subject: subject, allowed: ["parameters", "result"], sink: sink) else {
            return nil
        }
        let parameters = reader.node("parameters").map { decodeParameters($0, of: "parameter") } ?? []
        let result = reader.node("result").map { decodeParameters($0, of: "result field") }
        return FunctionTrigger(parameters: parameters, result: result, location: node.location)
    }

    static let parameterFields = ["type", "required", "default", "description"]

    /// `{"employeeId": {"type": "string", "required": true}, ...}`; a bare type name
    /// (`"employeeId": "string"`) is a required field of that type.
    private func decodeParameters(_ node: JSONNode, of what: String) -> [Parameter] {
        guard let members = node.members else {
            sink.error("\(what)s must be an object of name: type, not \(node.typeName)", at: node.location)
            return []
        }
        var seen: Set<String> = []
        var parameters: [Parameter] = []
        for member in members {
            guard seen.insert(member.key).inserted else {
                sink.error("duplicate \(what) '\(member.key)'", at: member.keyLocation)
                continue
            }
            if let typeName = member.value.stringValue {
                guard let type = valueType(typeName, at: member.value.location) else { continue }
                parameters.append(
                    Parameter(
                        name: member.key, type: type, required: true, defaultValue: nil, description: nil,
                        location: member.keyLocation))
                continue
            }
            let subject = "\(what) '\(member.key)'"
            guard let reader = ObjectReader(member.value, subject: subject, allowed: Self.parameterFields, sink: sink)
            else { continue }
            let typeNode = reader.node("type", required: true)
            let type = typeNode.flatMap { node in
                reader.string("type").flatMap { valueType($0, at: node.location) }
            }
            let defaultValue = reader.node("default")?.value
            let required = reader.bool("required") ?? (defaultValue == nil)
            if let type, let defaultValue, !type.accepts(defaultValue) {
                sink.error(
                    "default of \(subject) must be \(type.rawValue), not \(defaultValue.typeName)",
                    at: reader.node("default")?.location)
            }
            guard let type else { continue }
            parameters.append(
                Parameter(
                    name: member.key, type: type, required: required, defaultValue: defaultValue,
                    description: reader.string("description"), location: member.keyLocation))
        }
        return parameters
    }

    private func valueType(_ name: String, at location: SourceLocation) -> ValueType? {
        if let type = ValueType(rawValue: name) { return type }
        let hint = Suggestion.didYouMean(name, among: ValueType.allCases.map(\.rawValue))
        sink.error("unknown type '\(name)'\(hint)", at: location)
        return nil
    }
}
