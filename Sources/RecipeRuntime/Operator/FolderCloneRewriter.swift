// The edits `recipes clone` makes to the JSON files it copies.
//
// Why targeted textual edits and not "parse, change, print": a bundle is written by people and
// reviewed in git. Re-printing a file would reflow every line (the shipped recipes keep short
// objects such as `"trigger": { "webhook": { ... } }` on one line), so the first diff between a
// clone and its source would be the whole file, and the coming `recipes upstream diff/merge`
// would have to see through formatting. Instead the file is parsed with the located JSON
// parser, which gives the byte offset of every string's opening quote and every key, and only
// those string literals are replaced, each by the JSON encoding of its new text. Every other
// byte (spacing, key order, comments in `$comment`) is kept. A file that does not parse is
// copied unchanged; `recipes validate` reports it in the source and the clone alike.
import Foundation
import RecipeData

/// Rewrites the connection names and folder-qualified references of one file of a cloned folder.
struct FolderCloneRewriter: Sendable {
    /// The folder being cloned and the new folder's name.
    var source: String
    var target: String
    /// Old connection name → new one.
    var connections: [String: String]

    /// A file after rewriting: its bytes, the connections it names, and how many strings changed.
    struct Output: Sendable {
        var bytes: [UInt8]
        var connectionsNamed: Set<String>
        var edits: Int
        /// A test case's `mocks` given as a file path (relative to the case file).
        var mocksFile: String? = nil
    }

    /// One string literal to replace: the byte offset of its opening quote and its new text.
    private struct Edit {
        var offset: Int
        var text: String
    }

    /// A recipe file: the webhook trigger's `connection`, every action step's `connection`
    /// (steps nested in `if`, `foreach`, `try` and `onError` included), and `call` references
    /// written as `<source>/<name>`.
    func rewriteRecipe(_ bytes: [UInt8], path: String) -> Output {
        rewrite(bytes, path: path) { root, edits, named in
            if let webhook = root.member("trigger")?.value.member("webhook")?.value,
                let connection = webhook.member("connection")?.value
            {
                connectionEdit(connection, &edits, &named)
            }
            steps(root.member("steps")?.value, &edits, &named)
            steps(root.member("onError")?.value, &edits, &named)
        }
    }

    /// A test case file (`tests/*.json`): a `recipe` qualified with the source folder, the
    /// connections its `mocks` are keyed by, `expect.actions[].action` (`connection.action`),
    /// and `<source>/` in the subject and body expected of `expect.mails`.
    func rewriteTestCase(_ bytes: [UInt8], path: String) -> Output {
        rewrite(bytes, path: path) { root, edits, _ in
            if let recipe = root.member("recipe")?.value, let text = recipe.stringValue, let moved = requalified(text) {
                edits.append(Edit(offset: recipe.location.offset, text: moved))
            }
            for member in root.member("mocks")?.value.members ?? [] {
                if let new = connections[member.key] { edits.append(Edit(offset: member.keyLocation.offset, text: new)) }
            }
            // The error e-mails of the shipped bundles name the failed recipe (`<source>/name`)
            // and the failed action (`connection.action`).
            for mail in root.member("expect")?.value.member("mails")?.value.items ?? [] {
                for key in ["subject", "body"] {
                    guard let node = mail.member(key)?.value, let text = node.stringValue else { continue }
                    let moved = renamingActions(in: text.replacingOccurrences(of: source + "/", with: target + "/"))
                    if moved != text { edits.append(Edit(offset: node.location.offset, text: moved)) }
                }
            }
            for entry in root.member("expect")?.value.member("actions")?.value.items ?? [] {
                guard let action = entry.member("action")?.value, let text = action.stringValue,
                    let dot = text.firstIndex(of: "."), let new = connections[String(text[..<dot])]
                else { continue }
                edits.append(Edit(offset: action.location.offset, text: new + String(text[dot...])))
            }
        }
    }

    /// `text` with each `old.action` of a re-bound connection as `new.action`, where `old` starts
    /// a word (not `ada@hibob.example`) and an action name follows the dot.
    func renamingActions(in text: String) -> String {
        var result = text
        for (old, new) in connections.sorted(by: { $0.key.count > $1.key.count }) {
            var output = ""
            var rest = Substring(result)
            while let range = rest.range(of: old + ".") {
                let before = rest[..<range.lowerBound].last ?? output.last
                let startsWord = before.map { !($0.isLetter || $0.isNumber || "@-_.".contains($0)) } ?? true
                let after = rest[range.upperBound...].first
                let actionFollows = after.map { $0.isLetter || $0 == "_" } ?? false
                output += rest[..<range.lowerBound]
                output += startsWord && actionFollows ? new + "." : old + "."
                rest = rest[range.upperBound...]
            }
            result = output + rest
        }
        return result
    }

    /// A mocks file (a test case's `"mocks": "../samples/mocks.json"`): its top-level keys
    /// are connections.
    func rewriteMocks(_ bytes: [UInt8], path: String) -> Output {
        rewrite(bytes, path: path) { root, edits, _ in
            for member in root.members ?? [] {
                if let new = connections[member.key] { edits.append(Edit(offset: member.keyLocation.offset, text: new)) }
            }
        }
    }

    private func rewrite(
        _ bytes: [UInt8], path: String, collect: (JSONNode, inout [Edit], inout Set<String>) -> Void
    ) -> Output {
        guard let root = try? JSONParser.parseNode(SourceFile(path: path, bytes: bytes)) else {
            return Output(bytes: bytes, connectionsNamed: [], edits: 0)
        }
        var edits: [Edit] = []
        var named: Set<String> = []
        collect(root, &edits, &named)
        return Output(
            bytes: Self.apply(edits, to: bytes), connectionsNamed: named, edits: edits.count,
            mocksFile: root.member("mocks")?.value.stringValue)
    }

    private func steps(_ node: JSONNode?, _ edits: inout [Edit], _ named: inout Set<String>) {
        for step in node?.items ?? [] {
            if step.member("action") != nil, let connection = step.member("connection")?.value {
                connectionEdit(connection, &edits, &named)
            }
            if let call = step.member("call")?.value, let text = call.stringValue, let moved = requalified(text) {
                edits.append(Edit(offset: call.location.offset, text: moved))
            }
            for key in ["then", "else", "steps", "try", "catch", "onError"] {
                steps(step.member(key)?.value, &edits, &named)
            }
        }
    }

    private func connectionEdit(_ node: JSONNode, _ edits: inout [Edit], _ named: inout Set<String>) {
        guard let name = node.stringValue else { return }
        named.insert(name)
        if let new = connections[name] { edits.append(Edit(offset: node.location.offset, text: new)) }
    }

    /// `<source>/<name>` → `<target>/<name>`; `nil` for any other reference.
    private func requalified(_ reference: String) -> String? {
        guard reference.hasPrefix(source + "/") else { return nil }
        return target + "/" + reference.dropFirst(source.count + 1)
    }

    /// Replaces each edited string literal, last first so earlier offsets stay valid. An offset
    /// that does not hold a quote (never expected) is left alone.
    private static func apply(_ edits: [Edit], to bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        for edit in edits.sorted(by: { $0.offset > $1.offset }) {
            guard edit.offset < result.count, result[edit.offset] == UInt8(ascii: "\""),
                let end = literalEnd(result, from: edit.offset)
            else { continue }
            result.replaceSubrange(edit.offset..<end, with: JSONValue.string(edit.text).jsonBytes())
        }
        return result
    }

    /// The offset just past the closing quote of the string literal opening at `start`.
    private static func literalEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return nil
    }
}
