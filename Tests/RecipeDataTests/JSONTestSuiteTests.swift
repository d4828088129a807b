import Foundation
import RecipeData
import Testing

/// The JSONTestSuite parsing corpus (https://github.com/nst/JSONTestSuite, MIT): every `y_`
/// file accepted, every `n_` file rejected with a located error, every `i_` file answered
/// without crashing or hanging. The corpus and its licence live in the repo, in
/// `Fixtures/JSONTestSuite` beside this file (`JSON_TEST_SUITE_DIR` points elsewhere).
struct JSONTestSuiteTests {
    static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["JSON_TEST_SUITE_DIR"] {
            return URL(fileURLWithPath: override)
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/JSONTestSuite/test_parsing")
    }

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    static func bytes(_ name: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) ?? Data())
    }

    @Test func corpusIsPresent() {
        #expect(Self.files.count > 300, "JSONTestSuite corpus not found at \(Self.directory.path)")
    }

    @Test(arguments: files.filter { $0.hasPrefix("y_") })
    func acceptsValidDocuments(_ name: String) throws {
        let bytes = Self.bytes(name)
        let node = try JSONParser.parseNode(SourceFile(path: name, bytes: bytes))
        let value = try JSONParser.parseValue(bytes, path: name)
        #expect(node.value == value)
    }

    @Test(arguments: files.filter { $0.hasPrefix("n_") })
    func rejectsInvalidDocumentsWithALocation(_ name: String) {
        let bytes = Self.bytes(name)
        do {
            _ = try JSONParser.parseNode(SourceFile(path: name, bytes: bytes))
            Issue.record("\(name) was accepted")
        } catch {
            #expect(error.location.file == name)
            #expect(error.location.line >= 1 && error.location.column >= 1)
            #expect(!error.message.isEmpty)
        }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parseValue(bytes, path: name) }
    }

    @Test(arguments: files.filter { $0.hasPrefix("i_") })
    func answersImplementationDefinedDocuments(_ name: String) {
        // Either answer is allowed; what matters is that both parsers agree and neither crashes.
        // This case caught a Swift 6.3.1 miscompile of the parser's error path (see the note in
        // JSONObject.swift): keep it running both parsers on every i_ file.
        let bytes = Self.bytes(name)
        var nodeAccepted = false
        var valueAccepted = false
        do {
            _ = try JSONParser.parseNode(SourceFile(path: name, bytes: bytes))
            nodeAccepted = true
        } catch {}
        do {
            _ = try JSONParser.parseValue(bytes, path: name)
            valueAccepted = true
        } catch {}
        #expect(nodeAccepted == valueAccepted)
    }
}
