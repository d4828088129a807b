import RecipeData

extension FunctionRegistry {
    /// lower, upper, trim, split, join, startsWith, endsWith, replace, substring, toString.
    static let textFunctions: [FunctionDefinition] = [
        FunctionDefinition("lower", arity: 1...1) { a, c throws(EvaluationError) in .string(try c.text(a[0]).lowercased()) },
        FunctionDefinition("upper", arity: 1...1) { a, c throws(EvaluationError) in .string(try c.text(a[0]).uppercased()) },
        /// Trims whitespace and newlines at both ends.
        FunctionDefinition("trim", arity: 1...1) { a, c throws(EvaluationError) in .string(try c.text(a[0]).trimmingSpaces) },
        /// split(text, separator): an empty separator splits into characters; null → [].
        FunctionDefinition("split", arity: 2...2) { a, c throws(EvaluationError) in
            if a[0].isNull { return .array([]) }
            let text = try c.text(a[0]), separator = try c.text(a[1], "separator")
            let parts: [String] =
                separator.isEmpty
                ? text.map(String.init)
                : text.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
            try c.checkCount(parts.count)
            return .array(parts.map { .string($0) })
        },
        /// join(array, separator = ""): elements rendered as template text.
        FunctionDefinition("join", arity: 1...2) { a, c throws(EvaluationError) in
            let items = try c.array(a[0])
            let separator = a.count > 1 ? try c.text(a[1], "separator") : ""
            var out = ""
            for (i, item) in items.enumerated() {
                if i > 0 { out += separator }
                out += item.templateText
                try c.checkLength(out.utf8.count)
            }
            return .string(out)
        },
        FunctionDefinition("startsWith", arity: 2...2) { a, c throws(EvaluationError) in
            .bool(try c.text(a[0]).hasPrefix(try c.text(a[1])))
        },
        FunctionDefinition("endsWith", arity: 2...2) { a, c throws(EvaluationError) in
            .bool(try c.text(a[0]).hasSuffix(try c.text(a[1])))
        },
        /// replace(text, old, new): every occurrence; an empty `old` leaves the text unchanged.
        FunctionDefinition("replace", arity: 3...3) { a, c throws(EvaluationError) in
            let text = try c.text(a[0]), old = try c.text(a[1]), new = try c.text(a[2])
            if old.isEmpty { return .string(text) }
            let parts = text.split(separator: old, omittingEmptySubsequences: false)
            let length = text.utf8.count + (parts.count - 1) * (new.utf8.count - old.utf8.count)
            try c.checkLength(length)
            return .string(parts.joined(separator: new))
        },
        /// substring(text, start, length?) by Characters; a negative start counts from the end;
        /// out-of-range parts are clipped.
        FunctionDefinition("substring", arity: 2...3) { a, c throws(EvaluationError) in
            let characters = Array(try c.text(a[0]))
            var start = try c.integer(a[1], "start")
            if start < 0 { start = max(0, characters.count + start) }
            start = min(start, characters.count)
            var end = characters.count
            if a.count > 2 {
                let length = try c.integer(a[2], "length")
                guard length >= 0 else { throw c.error("length must not be negative") }
                end = min(end, start + min(length, characters.count))
            }
            return .string(String(characters[start..<end]))
        },
        /// toString(x): the template text of x (null → "", 19-digit integers exact).
        FunctionDefinition("toString", arity: 1...1) { a, _ in .string(a[0].templateText) },
    ]
}
