import RecipeData

extension FunctionRegistry {
    /// length, contains, keys, values, first, last, pluck, unique, coalesce, present, blank, typeOf.
    static let collectionFunctions: [FunctionDefinition] = [
        /// length(x): Characters of a string, elements of an array, keys of an object; null → 0.
        FunctionDefinition("length", arity: 1...1) { a, c throws(EvaluationError) in
            switch a[0] {
            case .null: return 0
            case .string(let s): return .int(s.count)
            case .array(let items): return .int(items.count)
            case .object(let object): return .int(object.count)
            default: throw c.error("argument must be a string, array or object, not \(a[0].typeName)")
            }
        },
        /// contains(haystack, needle): substring, array element (deep equality) or object key;
        /// null haystack → false.
        FunctionDefinition("contains", arity: 2...2) { a, c throws(EvaluationError) in
            switch a[0] {
            case .null: return false
            case .string(let s):
                let needle = try c.text(a[1], "needle")
                return .bool(needle.isEmpty || s.contains(needle))
            case .array(let items): return .bool(items.contains(a[1]))
            case .object(let object): return .bool(object.contains(key: try c.text(a[1], "key")))
            default: throw c.error("first argument must be a string, array or object, not \(a[0].typeName)")
            }
        },
        FunctionDefinition("keys", arity: 1...1) { a, c throws(EvaluationError) in
            .array(try c.object(a[0]).keys.map { .string($0) })
        },
        FunctionDefinition("values", arity: 1...1) { a, c throws(EvaluationError) in .array(try c.object(a[0]).values) },
        /// first/last of an array (null when empty) or of a string (a one-Character string).
        FunctionDefinition("first", arity: 1...1) { a, c throws(EvaluationError) in
            if case .string(let s) = a[0] { return s.first.map { .string(String($0)) } ?? .null }
            return try c.array(a[0]).first ?? .null
        },
        FunctionDefinition("last", arity: 1...1) { a, c throws(EvaluationError) in
            if case .string(let s) = a[0] { return s.last.map { .string(String($0)) } ?? .null }
            return try c.array(a[0]).last ?? .null
        },
        /// pluck(arrayOfObjects, field): each element's field (null when missing or not an object).
        FunctionDefinition("pluck", arity: 2...2) { a, c throws(EvaluationError) in
            let key = try c.text(a[1], "field")
            return .array(try c.array(a[0]).map { $0[key] ?? .null })
        },
        /// unique(array, field?): the elements in order without later repeats (deep equality);
        /// with `field`, without later elements whose `field` member repeats an earlier one's.
        /// A null array gives [].
        FunctionDefinition("unique", arity: 1...2) { a, c throws(EvaluationError) in
            let items = a[0].isNull ? [] : try c.array(a[0])
            let field = a.count > 1 ? try c.text(a[1], "field") : nil
            var seen = Set<JSONValue>()
            var kept: [JSONValue] = []
            for item in items where seen.insert(field.map { item[$0] ?? .null } ?? item).inserted { kept.append(item) }
            return .array(kept)
        },
        /// coalesce(a, b, ...): the first argument that is not null, else null.
        FunctionDefinition("coalesce", minArity: 1, maxArity: nil) { a, _ in a.first { !$0.isNull } ?? .null },
        FunctionDefinition("present", arity: 1...1) { a, _ in .bool(!isBlank(a[0])) },
        /// blank(x): null, false, whitespace-only string, empty array or object.
        FunctionDefinition("blank", arity: 1...1) { a, _ in .bool(isBlank(a[0])) },
        /// typeOf(x): "null", "boolean", "number", "string", "array" or "object".
        FunctionDefinition("typeOf", arity: 1...1) { a, _ in .string(a[0].typeName) },
    ]

    static func isBlank(_ value: JSONValue) -> Bool {
        switch value {
        case .null: true
        case .bool(let b): !b
        case .int, .double: false
        case .string(let s): s.unicodeScalars.allSatisfy(\.properties.isWhitespace)
        case .array(let items): items.isEmpty
        case .object(let object): object.isEmpty
        }
    }
}
