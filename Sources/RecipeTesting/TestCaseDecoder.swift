import Foundation
import RecipeData
import RecipeEngine
import RecipeModel

/// Turns one test case file into a `TestCase`, reporting every problem with its location
/// (`file:line:col: error: ...`) through the same `ObjectReader` machinery as recipes:
/// unknown fields with a "did you mean", wrong types, missing required fields.
///
/// The field tables below are also the source of `RecipeTestSchema`, so the published schema
/// cannot drift from what the decoder accepts.
package struct TestCaseDecoder {
    static let caseFields = ["$schema", "description", "recipe", "trigger", "mocks", "now", "tables", "expect"]
    static let expectFields = ["status", "result", "message", "error", "actions", "mails", "steps"]
    static let errorFields = ["type", "message", "step"]
    static let actionFields = ["action", "input", "attempts"]
    static let mailFields = ["to", "subject", "body"]
    static let stepFields = ["status", "output"]
    /// The ways a job can end that a case may expect.
    static let jobStatuses: [JobStatus] = [.succeeded, .failed, .skipped]
    static let stepStatuses: [StepStatus] = [.succeeded, .failed, .handled]

    let file: SourceFile
    /// The project the case runs in, and the bundle folder the file sits in.
    let project: Project
    let folder: String
    /// The test file's directory on disk, for `trigger` and `mocks` given as paths.
    let directory: URL
    let sink: DiagnosticSink

    /// The case, or `nil` when the file has errors (they are in `sink`).
    func decode(_ root: JSONNode) -> TestCase? {
        let errorsBefore = sink.errorCount
        guard let reader = ObjectReader(root, subject: "test case", allowed: Self.caseFields, sink: sink) else { return nil }
        let description = reader.string("description")
        let recipe = reader.name("recipe", required: true).flatMap { resolveRecipe($0, at: reader.node("recipe")!.location) }
        let trigger = reader.node("trigger").flatMap { document($0, what: "trigger") }?.value ?? .object([:])
        let mocks = reader.node("mocks").flatMap { document($0, what: "mocks") }.flatMap(checkedMocks) ?? .object([:])
        let now = reader.node("now").flatMap(date) ?? TestCase.defaultNow
        let tables = reader.node("tables").map(decodeTables) ?? []
        let expect = reader.object("expect", subject: "expect", allowed: Self.expectFields, required: true).flatMap(decodeExpect)
        guard let recipe, let expect, sink.errorCount == errorsBefore else { return nil }
        var testCase = TestCase(
            file: file.path, description: description, recipe: recipe, trigger: trigger, mocks: mocks, now: now, expect: expect)
        testCase.tables = tables
        return testCase
    }

    /// `tables`: `{"<table>": <JSON table>}`, each replacing a table the project has (a name it
    /// does not have is an error with a suggestion, as a typo would otherwise test nothing).
    private func decodeTables(_ node: JSONNode) -> [LookupTable] {
        guard let members = node.members else {
            sink.error("'tables' in test case must be an object of table name: rows, not \(node.typeName)", at: node.location)
            return []
        }
        var tables: [LookupTable] = []
        for member in members {
            guard project.tables[member.key] != nil else {
                sink.error(
                    "no lookup table '\(member.key)' to replace\(Suggestion.didYouMean(member.key, among: project.tables.names))",
                    at: member.keyLocation)
                continue
            }
            switch LookupTable.fromJSON(member.value, name: member.key, path: file.path) {
            case .success(let table): tables.append(table)
            case .failure(let diagnostic): sink.add(diagnostic)
            }
        }
        return tables
    }

    private func resolveRecipe(_ reference: String, at location: SourceLocation) -> RecipeID? {
        if let id = project.resolve(reference, from: RecipeID(folder: folder, name: "")) { return id }
        let names = project.recipes.keys.filter { $0.folder == folder }.map(\.name)
        sink.error("unknown recipe '\(reference)' in folder '\(folder)'\(Suggestion.didYouMean(reference, among: names))", at: location)
        return nil
    }

    /// `trigger` and `mocks`: an object written in place, or a path to a JSON file relative
    /// to the test file (`"../samples/employee-updated.json"`), parsed with locations.
    private func document(_ node: JSONNode, what: String) -> JSONNode? {
        if node.members != nil { return node }
        guard let path = node.stringValue else {
            sink.error("'\(what)' in test case must be an object or a path to a JSON file, not \(node.typeName)", at: node.location)
            return nil
        }
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.standardizedFileURL.path) else {
            sink.error("cannot read the \(what) file '\(path)'", at: node.location)
            return nil
        }
        let referenced = SourceFile(path: DisplayPath.join(DisplayPath.directory(of: file.path), path), bytes: Array(data))
        do {
            let root = try JSONParser.parseNode(referenced)
            guard root.members != nil else {
                sink.error("the \(what) file must hold an object, not \(root.typeName)", at: root.location)
                return nil
            }
            return root
        } catch {
            sink.add(error.diagnostic)
            return nil
        }
    }

    private func date(_ node: JSONNode) -> Date? {
        guard let text = node.stringValue, let date = Timestamp.date(iso8601: text) else {
            sink.error("'now' in test case must be a UTC time such as \"2025-01-01T09:00:00.000Z\"", at: node.location)
            return nil
        }
        return date
    }
}
