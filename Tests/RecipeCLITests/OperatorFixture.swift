import Foundation
import RecipeData
import RecipeTestSupport
import Testing

/// A copy of the shipped project (recipes, tables, connectors) in a temporary directory, and
/// the built `recipes` binary run inside it: the operator commands' end-to-end tests.
final class OperatorFixture: @unchecked Sendable {
    // @unchecked: `root` is immutable; the directory is owned by this object.
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("recipes-operator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for item in ["recipes", "lookup-tables", "connectors", "connections.example.json"] {
            let source = PackagePaths.root.appendingPathComponent(item)
            if FileManager.default.fileExists(atPath: source.path) {
                try FileManager.default.copyItem(at: source, to: root.appendingPathComponent(item))
            }
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// The default database of the project.
    var database: URL { root.appendingPathComponent(".recipes/engine.sqlite") }

    func file(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// Appends text to a project file (changing its content hash, or breaking it).
    func edit(_ relative: String, replacing old: String? = nil, with new: String) throws {
        let url = file(relative)
        var text = try String(contentsOf: url, encoding: .utf8)
        if let old {
            text = text.replacingOccurrences(of: old, with: new)
        } else {
            text += new
        }
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Runs `recipes ARGUMENTS` in the project directory.
    func recipes(_ arguments: String...) async throws -> BinaryTests.Output {
        let root = self.root
        return try await offloaded { try BinaryTests.runBinary(arguments, in: root, stdin: nil) }
    }

    /// Runs `recipes ARGUMENTS --json`, checks it succeeded and returns the parsed document.
    func json(_ arguments: String..., sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let root = self.root
        let result = try await offloaded { try BinaryTests.runBinary(arguments + ["--json"], in: root, stdin: nil) }
        #expect(result.status == 0, "recipes \(arguments.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
        let document = try JSONParser.parseValue(result.stdout)
        #expect(document["version"] == 1, sourceLocation: sourceLocation)
        return document
    }
}
