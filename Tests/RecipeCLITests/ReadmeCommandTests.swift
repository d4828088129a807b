import Foundation
import RecipeTestSupport
import Testing

/// The README's one-job command against the sandbox: the sample it names exists and holds an
/// employee the sandbox has, so the job succeeds (the other sample's id is a 404 on purpose:
/// BinaryTests uses it for the error e-mail).
struct ReadmeCommandTests {
    static let sample = "recipes/hibob-docebo/samples/employee-updated-sandbox.json"

    @Test func theReadmeSandboxRunSucceeds() async throws {
        let readme = try String(contentsOf: PackagePaths.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("--input \(Self.sample)"))
        let result = try await BinaryTests().recipes(["run", "hibob-docebo/capture-user-update", "--sandbox", "--input", Self.sample])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("hibob-docebo/capture-user-update succeeded"))
    }
}
