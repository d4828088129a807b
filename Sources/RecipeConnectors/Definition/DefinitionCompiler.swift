// Compiles the templates and expressions of a connector definition with exact locations, and
// checks that each one reads only the names its field provides (a typo such as `inptu.email`
// is a load error with a suggestion, not a silent null at run time).
import RecipeData
import RecipeExpressions
import RecipeModel

/// The names each kind of definition field may read.
enum TemplateRoots {
    static let auth: Set<String> = ["credentials", "settings"]
    static let request: Set<String> = ["input", "settings", "page", "request"]
    static let output: Set<String> = request.union(["response", "items"])
    static let paginationStart: Set<String> = ["input", "settings"]
    static let paginationStep: Set<String> = ["input", "settings", "page", "response", "request"]
    static let match: Set<String> = ["item", "input", "settings"]
    static let errors: Set<String> = ["response", "input", "settings"]
}

/// Template compilation for one definition file.
struct DefinitionCompiler {
    let file: SourceFile
    let sink: DiagnosticSink

    /// A template for any JSON value; on errors they are reported and `null` stands in.
    func template(_ node: JSONNode, roots: Set<String>, field: String) -> Template {
        let file = self.file
        let (template, diagnostics) = Template.compile(node) { quote, _ in file.locations(inStringLiteralAt: quote) }
        sink.add(contentsOf: diagnostics)
        if diagnostics.hasErrors { return .literal(.null) }
        check(template.expressions, roots: roots, field: field)
        return template
    }

    /// A bare expression field (`match`), with or without surrounding `{{ }}`.
    func expression(_ node: JSONNode, roots: Set<String>, field: String) -> Expression? {
        guard var text = node.stringValue else {
            sink.error("'\(field)' must be an expression string, not \(node.typeName)", at: node.location)
            return nil
        }
        var start = 0
        let trimmed = text.trimmingPrefix(while: \.isWhitespace)
        if trimmed.hasPrefix("{{"), text.hasSuffix("}}") {
            start = text.utf8.count - trimmed.utf8.count + 2
            text = String(trimmed.dropFirst(2).dropLast(2))
        }
        do {
            let map = file.locations(inStringLiteralAt: node.location)
            let offset = start
            let expression = try Expression.parse(text) { position in map(offset + position) }
            check([expression], roots: roots, field: field)
            return expression
        } catch {
            sink.add(error.diagnostic)
            return nil
        }
    }

    /// Header-like objects: `{"Name": "template", ...}`, in source order.
    func headers(_ node: JSONNode?, roots: Set<String>, field: String) -> [HeaderTemplate] {
        guard let node else { return [] }
        guard let members = node.members else {
            sink.error("'\(field)' must be an object of names and values, not \(node.typeName)", at: node.location)
            return []
        }
        return members.map { member in
            HeaderTemplate(name: member.key, value: template(member.value, roots: roots, field: field))
        }
    }

    private func check(_ expressions: [Expression], roots: Set<String>, field: String) {
        for expression in expressions {
            for path in expression.pathReferences where !roots.contains(path.root) {
                let hint = Suggestion.didYouMean(path.root, among: roots.sorted())
                let known = roots.sorted().map { "'\($0)'" }.joined(separator: ", ")
                sink.error(
                    "unknown name '\(path.root)' in '\(field)'\(hint) (this field can read \(known))", at: path.location)
            }
        }
    }
}

extension ObjectReader {
    /// A string that must be one of an enumeration's raw values.
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) -> T? where T.RawValue == String {
        guard let text = string(key) else { return nil }
        if let value = T(rawValue: text) { return value }
        let names = T.allCases.map(\.rawValue)
        sink.error(
            "'\(key)' in \(subject) must be one of \(names.map { "\"\($0)\"" }.joined(separator: ", ")), not \"\(text)\""
                + Suggestion.didYouMean(text, among: names), at: node(key)?.location)
        return nil
    }

    /// A rate limit object: `{"requests": 50, "per": "1m", "burst": 5}`.
    func rateLimit(_ key: String) -> RateLimit? {
        guard let reader = object(key, subject: "'\(key)' of \(subject)", allowed: ["requests", "per", "burst"]) else {
            return nil
        }
        let requests = reader.integer("requests", in: 1...1_000_000)
        let per = reader.duration("per", atMost: .seconds(86400))
        if !reader.has("requests") { _ = reader.node("requests", required: true) }
        if !reader.has("per") { _ = reader.node("per", required: true) }
        let burst = reader.integer("burst", in: 1...1_000_000)
        guard let requests, let per, per > .zero else { return nil }
        return RateLimit(requests: requests, per: per, burst: burst)
    }
}
