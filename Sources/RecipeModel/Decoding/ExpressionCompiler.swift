import Foundation
import RecipeData
import RecipeExpressions

/// Compiles the templates and expressions of one recipe file, mapping every error to its
/// exact line and column in the file (inside the JSON string, escapes accounted for).
struct ExpressionCompiler {
    let file: SourceFile
    let sink: DiagnosticSink

    /// A template for any JSON value; on errors they are reported and `null` stands in.
    func template(_ node: JSONNode) -> Template {
        let file = self.file
        let (template, diagnostics) = Template.compile(node) { quote, _ in file.locations(inStringLiteralAt: quote) }
        sink.add(contentsOf: diagnostics)
        return diagnostics.hasErrors ? .literal(.null) : template
    }

    /// An expression field such as `if` or `filter`: a string holding either a bare
    /// expression (`trigger.type == 'x'`) or exactly one template (`{{ trigger.type == 'x' }}`).
    func expression(_ node: JSONNode, field: String, subject: String) -> RecipeExpressions.Expression? {
        guard let text = node.stringValue else {
            sink.error("'\(field)' in \(subject) must be an expression string, not \(node.typeName)", at: node.location)
            return nil
        }
        var source = Substring(text)
        var start = 0
        if let inside = Self.insideOfSingleTemplate(text) {
            source = text[inside]
            start = text.utf8.distance(from: text.startIndex, to: inside.lowerBound)
        }
        do {
            let map = file.locations(inStringLiteralAt: node.location)
            return try RecipeExpressions.Expression.parse(String(source)) { offset in map(start + offset) }
        } catch {
            sink.add(error.diagnostic)
            return nil
        }
    }

    /// Between the braces, when `text` without surrounding whitespace is one `{{ ... }}` (at
    /// least four scalars, so the two pairs of braces cannot overlap); `nil` otherwise.
    static func insideOfSingleTemplate(_ text: String) -> Range<String.Index>? {
        let scalars = text.unicodeScalars
        var lower = scalars.startIndex
        var upper = scalars.endIndex
        while lower < upper, CharacterSet.whitespaces.contains(scalars[lower]) { scalars.formIndex(after: &lower) }
        while lower < upper, CharacterSet.whitespaces.contains(scalars[scalars.index(before: upper)]) {
            scalars.formIndex(before: &upper)
        }
        let trimmed = scalars[lower..<upper]
        guard trimmed.count >= 4, trimmed.starts(with: "{{".unicodeScalars), trimmed.reversed().starts(with: "}}".unicodeScalars)
        else { return nil }
        return scalars.index(lower, offsetBy: 2)..<scalars.index(upper, offsetBy: -2)
    }
}
