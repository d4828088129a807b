import Foundation
import RecipeCLI
import RecipeCrypto
import RecipeData
import RecipeRuntime
import RecipeTestSupport
import Testing

/// `recipes clone` run as a user runs it, in a temporary copy of the shipped project.
struct CloneBinaryTests {
    /// A copy of the project whose connections.example.json also has `hibob-prod` and
    /// `greenhouse-prod` (same connectors as `hibob` and `greenhouse`).
    static func fixture() throws -> OperatorFixture {
        let fixture = try OperatorFixture()
        try fixture.edit(
            "connections.example.json", replacing: "\"connections\": {",
            with: """
                "connections": {
                    "hibob-prod": { "connector": "hibob", "baseURL": "http://127.0.0.1:8099/hibob",
                      "credentials": { "service_user_id": { "env": "PROD_HIBOB_USER" }, "token": { "env": "PROD_HIBOB_TOKEN" } },
                      "webhookSecrets": [ { "env": "PROD_HIBOB_WEBHOOK_SECRET" } ] },
                    "greenhouse-prod": { "connector": "greenhouse", "baseURL": "http://127.0.0.1:8099/greenhouse",
                      "credentials": { "api_key": { "env": "PROD_GREENHOUSE_KEY" } }, "settings": { "on_behalf_of": "4000" },
                      "webhookSecrets": [ { "env": "PROD_GREENHOUSE_WEBHOOK_SECRET" } ] },
                """)
        return fixture
    }

    static func listing(_ directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    @Test func cloneOfHibobDoceboValidatesHasItsOwnWebhookURLAndRecordsTheSourceHashes() async throws {
        let fixture = try Self.fixture()
        let result = try await fixture.recipes("clone", "hibob-docebo", "acme-docebo")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("cloned recipes/hibob-docebo to recipes/acme-docebo"))

        let validate = try await fixture.recipes("validate")
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stderr.contains("0 errors"))

        let webhooks = try await fixture.json("webhooks", "acme-docebo")
        let urls = (webhooks["webhooks"]?.arrayValue ?? []).compactMap { $0["url"]?.stringValue }
        #expect(urls.count == 1)
        #expect(urls.allSatisfy { $0.hasSuffix("/webhooks/acme-docebo/hibob") }, "\(urls)")

        let source = fixture.file("recipes/hibob-docebo")
        let clone = fixture.file("recipes/acme-docebo")
        let bytes = try Data(contentsOf: clone.appendingPathComponent(FolderCloneManifest.fileName))
        let manifest = try #require(FolderCloneManifest.parse(Array(bytes)))
        #expect(manifest.source == "hibob-docebo")
        #expect(manifest.folder == "acme-docebo")
        #expect(manifest.connections.isEmpty)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        #expect(manifest.clonedAt <= now && manifest.clonedAt > now - 600_000)
        let expectedPaths = try FileManager.default.subpathsOfDirectory(atPath: source.path)
            .filter { !FolderClone.isDirectory(source.appendingPathComponent($0)) }.sorted()
        #expect(manifest.files.map(\.path) == expectedPaths)
        #expect(expectedPaths.contains("README.md") && expectedPaths.contains { $0.hasPrefix("tests/") })
        for file in manifest.files {
            let original = try Data(contentsOf: source.appendingPathComponent(file.path))
            let copied = try Data(contentsOf: clone.appendingPathComponent(file.path))
            #expect(file.sha256 == Bytes.hex(HashAlgorithm.sha256.digest(Array(original))), "\(file.path)")
            #expect(file.clonedSha256 == Bytes.hex(HashAlgorithm.sha256.digest(Array(copied))), "\(file.path)")
        }
        // Only the test cases whose expected e-mails name the source folder changed.
        #expect(manifest.files.filter(\.rewritten).allSatisfy { $0.path.hasPrefix("tests/") })

        let tests = try await fixture.recipes("test", "acme-docebo")
        #expect(tests.status == 0, "\(tests.stdout)\(tests.stderr)")
    }

    @Test func connectionRebindingRewritesTriggersAndActionsAndTheWebhookURL() async throws {
        let fixture = try Self.fixture()
        let before = try String(contentsOf: fixture.file("recipes/hibob-docebo/capture-user-update.json"), encoding: .utf8)
        let result = try await fixture.recipes("clone", "hibob-docebo", "prod-docebo", "--connection", "hibob=hibob-prod")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("connection hibob → hibob-prod"))

        let trigger = try String(contentsOf: fixture.file("recipes/prod-docebo/capture-user-update.json"), encoding: .utf8)
        #expect(trigger == before.replacingOccurrences(of: "\"connection\": \"hibob\"", with: "\"connection\": \"hibob-prod\""))
        for name in try FileManager.default.contentsOfDirectory(atPath: fixture.file("recipes/prod-docebo").path)
        where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let text = try String(contentsOf: fixture.file("recipes/prod-docebo/\(name)"), encoding: .utf8)
            #expect(!text.contains("\"connection\": \"hibob\""), "\(name)")
        }
        #expect(try String(contentsOf: fixture.file("recipes/hibob-docebo/capture-user-update.json"), encoding: .utf8) == before)

        let webhooks = try await fixture.json("webhooks", "prod-docebo")
        let urls = (webhooks["webhooks"]?.arrayValue ?? []).compactMap { $0["url"]?.stringValue }
        #expect(urls.count == 1 && urls[0].hasSuffix("/webhooks/prod-docebo/hibob-prod"), "\(urls)")
        let validate = try await fixture.recipes("validate")
        #expect(validate.status == 0, "\(validate.stderr)")
        let tests = try await fixture.recipes("test", "prod-docebo")
        #expect(tests.status == 0, "\(tests.stdout)\(tests.stderr)")
        let manifest = try #require(
            FolderCloneManifest.parse(Array(try Data(contentsOf: fixture.file("recipes/prod-docebo/.clone.json")))))
        #expect(manifest.connections == ["hibob": "hibob-prod"])
    }

    @Test func everyShippedBundleClonesToAValidFolderWithAndWithoutARebinding() async throws {
        let fixture = try Self.fixture()
        let bundles = Self.listing(fixture.file("recipes")).filter { !$0.hasPrefix(".") }
        #expect(bundles.count >= 4)
        for bundle in bundles {
            let plain = try await fixture.recipes("clone", bundle, "\(bundle)-copy")
            #expect(plain.status == 0, "\(bundle): \(plain.stderr)")
            let trigger = bundle.hasPrefix("greenhouse") ? "greenhouse" : "hibob"
            let rebound = try await fixture.recipes("clone", bundle, "\(bundle)-prod", "--connection", "\(trigger)=\(trigger)-prod")
            #expect(rebound.status == 0, "\(bundle): \(rebound.stderr)")
        }
        let validate = try await fixture.recipes("validate")
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stderr.contains("0 errors, 0 warnings"), "\(validate.stderr)")
        let tests = try await fixture.recipes("test")
        #expect(tests.status == 0, "\(tests.stdout)\(tests.stderr)")
    }

    @Test(arguments: [
        (["clone", "hibob-docebo", "acme", "--connection", "hibob=hibob-nope"], "unknown connection 'hibob-nope'"),
        (["clone", "hibob-docebo", "acme", "--connection", "greenhouse=greenhouse-prod"], "connection 'greenhouse' is not used by recipes/hibob-docebo"),
        (["clone", "hibob-docebo", "acme", "--connection", "hibob=docebo"], "uses connector 'docebo' but 'hibob' uses 'hibob'"),
        (["clone", "hibob-docebo", "hibob-recruit"], "recipes/hibob-recruit already exists"),
        (["clone", "hibob-doceb", "acme"], "no folder 'hibob-doceb' in recipes/; did you mean 'hibob-docebo'?"),
        (["clone", "hibob-docebo", "../acme"], "invalid new folder name '../acme': it contains a path separator"),
        (["clone", "hibob-docebo", "a/b"], "invalid new folder name 'a/b'"),
        (["clone", "hibob-docebo", ".."], "invalid new folder name '..'"),
        (["clone", "hibob-docebo", ""], "invalid new folder name '': it is empty"),
        (["clone", "..", "acme"], "invalid folder name '..'"),
    ])
    func refusalsExitOneAndLeaveNothingBehind(_ arguments: [String], _ message: String) async throws {
        let fixture = try Self.fixture()
        let before = Self.listing(fixture.file("recipes"))
        let parent = Self.listing(fixture.root)
        let result = try await offloaded { try BinaryTests.runBinary(arguments, in: fixture.root, stdin: nil) }
        #expect(result.status == 1)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout == "")
        #expect(Self.listing(fixture.file("recipes")) == before)
        #expect(Self.listing(fixture.root) == parent)
    }

    @Test func jsonPrintsTheManifestWrittenInTheClone() async throws {
        let fixture = try Self.fixture()
        let document = try await fixture.json("clone", "hibob-recruit", "acme-recruit", "--connection", "hibob=hibob-prod")
        let written = try JSONParser.parseValue(
            String(contentsOf: fixture.file("recipes/acme-recruit/.clone.json"), encoding: .utf8))
        #expect(document["clone"] == written)
        #expect(written["connections"]?["hibob"]?.stringValue == "hibob-prod")
        #expect(written["source"]?.stringValue == "hibob-recruit")
    }

    @Test func parsesTheCloneCommandLine() throws {
        var expected = Command.CloneOptions(source: "hibob-docebo", target: "acme")
        expected.connections = ["hibob": "hibob-prod", "docebo": "docebo-prod"]
        expected.project = "proj"
        expected.json = true
        let parsed = try Command.parse([
            "clone", "hibob-docebo", "--connection", "hibob=hibob-prod", "acme", "-p", "proj", "--json", "--connection", "docebo=docebo-prod",
        ])
        #expect(parsed == .clone(expected))
        #expect(throws: UsageError("--connection hibob=... is given twice")) {
            try Command.parse(["clone", "a", "b", "--connection", "hibob=x", "--connection", "hibob=y"])
        }
        #expect(throws: UsageError("unknown option '--frob'")) { try Command.parse(["clone", "a", "b", "--frob"]) }
    }

    @Test func usageErrorsExitWith64() async throws {
        for arguments in [["clone"], ["clone", "hibob-docebo"], ["clone", "a", "b", "c"], ["clone", "a", "b", "--connection", "hibob"]] {
            let result = try await offloaded { try BinaryTests.runBinary(arguments, in: PackagePaths.root, stdin: nil) }
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains("see 'recipes help clone'"), "\(arguments)")
        }
    }
}
