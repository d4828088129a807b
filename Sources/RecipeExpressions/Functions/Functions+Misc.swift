import RecipeCrypto
import RecipeData

extension FunctionRegistry {
    /// lookup, json, parseJson, sha256, uuid.
    static let miscFunctions: [FunctionDefinition] = [
        /// lookup(table, {column: value, ...}): the first row (an object) whose cells equal all
        /// criteria, compared as text (5 matches "5", null matches ""), or null. Unknown tables
        /// and columns are errors.
        FunctionDefinition("lookup", arity: 2...2, pure: false) { a, c throws(EvaluationError) in
            let name = try c.text(a[0], "table name")
            guard let table = c.environment.tables[name] else {
                var message = "unknown lookup table '\(name)'"
                if let s = Suggestion.closest(to: name, among: c.environment.tables.names) { message += "; did you mean '\(s)'?" }
                throw c.error(message)
            }
            guard case .object(let criteria) = a[1] else {
                throw c.error("criteria must be an object such as {Column: value}, not \(a[1].typeName)")
            }
            var pairs: [(column: String, value: String)] = []
            for (column, value) in criteria {
                guard table.columns.contains(column) else {
                    var message = "lookup table '\(name)' has no column '\(column)'"
                    if let s = Suggestion.closest(to: column, among: table.columns) { message += "; did you mean '\(s)'?" }
                    throw c.error(message)
                }
                pairs.append((column, try c.text(value, "value of '\(column)'")))
            }
            return table.firstRow(matching: pairs).map { .object($0) } ?? .null
        },
        /// json(x): compact JSON text.
        FunctionDefinition("json", arity: 1...1) { a, c throws(EvaluationError) in
            let text = a[0].jsonString()
            try c.checkLength(text.utf8.count)
            return .string(text)
        },
        /// parseJson(text): the value; invalid JSON is an error.
        FunctionDefinition("parseJson", arity: 1...1) { a, c throws(EvaluationError) in
            let text = try c.text(a[0])
            do throws(JSONSyntaxError) {
                return try JSONParser.parseValue(text, path: "parseJson")
            } catch {
                throw c.error("invalid JSON at column \(error.location.column): \(error.message)")
            }
        },
        /// sha256(text): lowercase hex digest of the UTF-8 text.
        FunctionDefinition("sha256", arity: 1...1) { a, c throws(EvaluationError) in
            .string(Bytes.hex(HashAlgorithm.sha256.digest(Array(try c.text(a[0]).utf8))))
        },
        /// uuid(): a fresh lowercase v4 UUID from the environment.
        FunctionDefinition("uuid", arity: 0...0, pure: false) { _, c in .string(c.environment.makeUUID()) },
    ]
}
