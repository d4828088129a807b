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
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("{{"), trimmed.hasSuffix("}}"), trimmed.count >= 4 {
            let open = text.range(of: "{{")!
            let close = text.range(of: "}}", options: .backwards)!
            source = text[open.upperBound..<close.lowerBound]
            start = text.utf8.distance(from: text.startIndex, to: open.upperBound)
        }
        do {
            let map = file.locations(inStringLiteralAt: node.location)
            return try RecipeExpressions.Expression.parse(String(source)) { offset in map(start + offset) }
        } catch {
            sink.add(error.diagnostic)
            return nil
        }
    }
}
