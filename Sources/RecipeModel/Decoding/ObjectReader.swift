import RecipeData

/// Reads one JSON object of a recipe file against the fields it may have.
///
/// Creating a reader reports, once, everything that is wrong with the object's shape:
/// a value that is not an object, duplicate keys, and unknown keys (with a "did you mean"
/// suggestion among the allowed ones). The typed accessors then report wrong types and
/// missing required fields, each at the exact key or value.
package struct ObjectReader {
    package let node: JSONNode
    /// What this object is, for messages: "step 'fetch'", "trigger", "retry policy".
    package let subject: String
    package let sink: DiagnosticSink
    private var byKey: [String: JSONMember] = [:]

    package init?(_ node: JSONNode, subject: String, allowed: [String], sink: DiagnosticSink) {
        guard let members = node.members else {
            sink.error("\(subject) must be an object, not \(node.typeName)", at: node.location)
            return nil
        }
        self.node = node
        self.subject = subject
        self.sink = sink
        for member in members {
            if let first = byKey[member.key] {
                sink.error(
                    "duplicate key '\(member.key)' in \(subject)", at: member.keyLocation,
                    notes: [.note("first '\(member.key)' is here", at: first.keyLocation)])
                continue
            }
            byKey[member.key] = member
            if !allowed.contains(member.key) && !member.key.hasPrefix("$") {
                let hint = Suggestion.didYouMean(member.key, among: allowed)
                sink.error("unknown field '\(member.key)' in \(subject)\(hint)", at: member.keyLocation)
            }
        }
    }

    package var location: SourceLocation { node.location }

    package func has(_ key: String) -> Bool { byKey[key] != nil }

    package func member(_ key: String) -> JSONMember? { byKey[key] }

    /// The node of a field, reporting its absence when required.
    package func node(_ key: String, required: Bool = false) -> JSONNode? {
        if let member = byKey[key] { return member.value }
        if required { sink.error("\(subject) is missing the required field '\(key)'", at: node.location) }
        return nil
    }

    package func string(_ key: String, required: Bool = false) -> String? {
        guard let value = node(key, required: required) else { return nil }
        guard let text = value.stringValue else {
            sink.error("'\(key)' in \(subject) must be a string, not \(value.typeName)", at: value.location)
            return nil
        }
        return text
    }

    /// A string that must not be empty (names, ids, connections).
    package func name(_ key: String, required: Bool = false) -> String? {
        guard let text = string(key, required: required) else { return nil }
        if text.allSatisfy(\.isWhitespace) {
            sink.error("'\(key)' in \(subject) must not be empty", at: node(key)?.location)
            return nil
        }
        return text
    }

    package func bool(_ key: String) -> Bool? {
        guard let value = node(key) else { return nil }
        guard case .bool(let flag) = value.kind else {
            sink.error("'\(key)' in \(subject) must be true or false, not \(value.typeName)", at: value.location)
            return nil
        }
        return flag
    }

    package func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = node(key) else { return nil }
        guard case .number(let number) = value.kind, let int = number.intValue else {
            sink.error("'\(key)' in \(subject) must be a whole number, not \(value.typeName)", at: value.location)
            return nil
        }
        guard range.contains(int) else {
            sink.error(
                "'\(key)' in \(subject) must be between \(range.lowerBound) and \(range.upperBound), not \(int)",
                at: value.location)
            return nil
        }
        return int
    }

    package func array(_ key: String, required: Bool = false) -> [JSONNode]? {
        guard let value = node(key, required: required) else { return nil }
        guard let items = value.items else {
            sink.error("'\(key)' in \(subject) must be an array, not \(value.typeName)", at: value.location)
            return nil
        }
        return items
    }

    package func strings(_ key: String, required: Bool = false) -> [String]? {
        guard let items = array(key, required: required) else { return nil }
        var texts: [String] = []
        for item in items {
            guard let text = item.stringValue else {
                sink.error("'\(key)' in \(subject) must hold strings, not \(item.typeName)", at: item.location)
                continue
            }
            texts.append(text)
        }
        return texts
    }

    package func object(_ key: String, subject: String, allowed: [String], required: Bool = false) -> ObjectReader? {
        guard let value = node(key, required: required) else { return nil }
        return ObjectReader(value, subject: subject, allowed: allowed, sink: sink)
    }

    /// A duration such as `"2s"`.
    package func duration(_ key: String, atMost limit: Duration) -> Duration? {
        guard let text = string(key) else { return nil }
        guard let duration = Duration(recipeText: text) else {
            sink.error(
                "'\(key)' in \(subject) must be a duration such as \"500ms\", \"2s\", \"5m\" or \"1h\", not \"\(text)\"",
                at: node(key)?.location)
            return nil
        }
        guard duration <= limit else {
            sink.error("'\(key)' in \(subject) must be at most \(limit.milliseconds / 1000)s", at: node(key)?.location)
            return nil
        }
        return duration
    }
}
