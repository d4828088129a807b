import Foundation
import RecipeTestSupport
import Testing

/// Golden files: a check compares; a recording run rewrites the file and never passes.
struct GoldenFileTests {
    @Test(arguments: [
        ("a\n", "a\n", false, GoldenFile.Outcome.matches, "a\n"),
        ("a\n", "b\n", false, .differs(expected: "a\n"), "a\n"),
        ("a\n", "b\n", true, .recorded(changed: true), "b\n"),
        ("a\n", "a\n", true, .recorded(changed: false), "a\n"),
    ])
    func checksOrRecords(_ stored: String, _ actual: String, _ recording: Bool, _ outcome: GoldenFile.Outcome, _ after: String)
        throws
    {
        let fixture = try ProjectFixture(["expected.txt": stored])
        let url = fixture.root.appendingPathComponent("expected.txt")
        #expect(try GoldenFile(url).check(actual, recording: recording) == outcome)
        #expect(try String(contentsOf: url, encoding: .utf8) == after)
    }

    @Test func aMissingGoldenFileIsAnErrorUnlessRecording() throws {
        let fixture = try ProjectFixture([:])
        let url = fixture.root.appendingPathComponent("expected.txt")
        #expect(throws: (any Error).self) { try GoldenFile(url).check("x\n", recording: false) }
        #expect(try GoldenFile(url).check("x\n", recording: true) == .recorded(changed: true))
    }
}
