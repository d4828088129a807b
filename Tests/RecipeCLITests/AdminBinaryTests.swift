// End to end: the real `recipes serve --sandbox --port 0` and the operator commands going
// through its admin API (RECIPES_URL, RECIPES_ADMIN_TOKEN), printing what they print on the
// database.
import Foundation
import RecipeData
import RecipeTestSupport
import Synchronization
import Testing

/// A `recipes serve` process in a project directory; stopped with SIGTERM by `stop()`.
final class ServeProcess: @unchecked Sendable {
    // @unchecked: `process` is only started and stopped by the owner; the log is in a Mutex.
    let process = Process()
    let url: String
    private let log = LogBuffer()

    /// The server's standard error so far.
    final class LogBuffer: Sendable {
        let text = Mutex("")
        func append(_ data: Data) { text.withLock { $0 += String(decoding: data, as: UTF8.self) } }
        var value: String { text.withLock { $0 } }
    }

    /// How long the server may take to print `event=server.started`.
    static let startTimeout: TimeInterval = 30

    init(in root: URL, environment: [String: String]) async throws {
        let log = self.log
        process.executableURL = BinaryTests.binary
        process.arguments = ["serve", "--sandbox", "--port", "0"]
        process.currentDirectoryURL = root
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        err.fileHandleForReading.readabilityHandler = { handle in
            log.append(handle.availableData)
        }
        try process.run()
        let deadline = Date().addingTimeInterval(Self.startTimeout)
        var found: String?
        while found == nil && Date() < deadline && process.isRunning {
            try await Task.sleep(for: .milliseconds(50))
            found = Self.startedURL(in: log.value)
        }
        guard let found else {
            process.terminate()
            throw ServeError(log: log.value)
        }
        url = found
    }

    struct ServeError: Error, CustomStringConvertible {
        var log: String
        var description: String { "recipes serve did not start:\n\(log)" }
    }

    /// The `url=` of the `event=server.started` line.
    static func startedURL(in log: String) -> String? {
        guard let line = log.split(separator: "\n").first(where: { $0.contains("event=server.started") }),
            let range = line.range(of: " url=")
        else { return nil }
        let value = line[range.upperBound...].prefix { $0 != " " }
        return String(value.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
    }

    var stderr: String { log.value }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}

struct AdminBinaryTests {
    static let token = "admin-token-for-the-e2e-test-7f3a9c"

    /// Runs `recipes ARGUMENTS` in `root` with `environment` (RECIPES_URL and the token removed
    /// from the test's own environment first).
    static func recipes(_ arguments: [String], in root: URL, environment: [String: String] = [:]) async throws -> BinaryTests.Output {
        var merged = ProcessInfo.processInfo.environment
        merged["RECIPES_URL"] = nil
        merged["RECIPES_ADMIN_TOKEN"] = nil
        merged.merge(environment) { _, new in new }
        let variables = merged
        return try await offloaded { try BinaryTests.runBinary(arguments, in: root, stdin: nil, environment: variables) }
    }

    @Test func operatorCommandsGoThroughARunningServerAndPrintWhatTheyPrintOnTheDatabase() async throws {
        let project = try OperatorFixture()
        try FileManager.default.createDirectory(at: project.database.deletingLastPathComponent(), withIntermediateDirectories: true)
        let history = try await OperatorHistoryBinaryTests.fill(project.database.path)
        var serverEnvironment = ProcessInfo.processInfo.environment
        serverEnvironment["RECIPES_ADMIN_TOKEN"] = Self.token
        let server = try await ServeProcess(in: project.root, environment: serverEnvironment)
        defer { server.stop() }
        #expect(server.stderr.contains("event=admin.access"))
        #expect(server.stderr.contains("bearer token"))
        let api = ["RECIPES_URL": server.url, "RECIPES_ADMIN_TOKEN": Self.token]

        let parent = String(history.parent.id)
        for arguments in [
            ["jobs"], ["jobs", "--json"], ["jobs", "--status", "failed", "--json"], ["jobs", "--recipe", OperatorHistoryBinaryTests.update],
            ["jobs", "--since", "2h", "--limit", "1", "--json"], ["job", parent], ["job", parent, "--json"], ["deliveries"],
            ["deliveries", "--json"], ["deliveries", "--folder", "hibob-docebo", "--json"], ["status"], ["status", "--json"],
            ["status", "hibob-docebo"], ["job", "999"], ["status", "nope"],
        ] {
            let direct = try await Self.recipes(arguments, in: project.root)
            let remote = try await Self.recipes(arguments, in: project.root, environment: api)
            let shown = arguments.joined(separator: " ")
            #expect(remote.status == direct.status, "\(shown): \(remote.stderr)")
            #expect(remote.stdout == direct.stdout, "recipes \(shown)")
            #expect(remote.stderr == direct.stderr, "recipes \(shown)")
        }

        // The API, not the database: a --db that does not exist is not read.
        let viaServer = try await Self.recipes(["jobs", "--json", "--db", "/nonexistent/engine.sqlite"], in: project.root, environment: api)
        #expect(viaServer.status == 0, "\(viaServer.stderr)")

        // start and stop through the server print what they print on the database.
        let started = try await Self.recipes(["start", OperatorHistoryBinaryTests.update], in: project.root, environment: api)
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stdout.hasPrefix("started \(OperatorHistoryBinaryTests.update) (content "))
        let status = try await project.json("status")
        #expect(OperatorLifecycleBinaryTests.states(status)[OperatorHistoryBinaryTests.update] == "started")
        let restarted = try await Self.recipes(["start", "recipes/hibob-docebo/capture-user-update.json"], in: project.root, environment: api)
        #expect(restarted.stdout.hasPrefix("restarted \(OperatorHistoryBinaryTests.update) (content "), "\(restarted.stderr)")
        #expect(restarted.stdout.contains(", unchanged)"))
        let remoteStop = try await Self.recipes(["stop", "hibob-docebo"], in: project.root, environment: api)
        #expect(remoteStop.status == 0)
        _ = try await Self.recipes(["start", OperatorHistoryBinaryTests.update], in: project.root)
        let directStop = try await Self.recipes(["stop", "hibob-docebo"], in: project.root)
        #expect(remoteStop.stdout == directStop.stdout)
        #expect(remoteStop.stdout.contains("stopped \(OperatorHistoryBinaryTests.update)\n"))
        #expect(remoteStop.stdout.contains(" was not started"))

        // A refused start: the same located errors and last line, nothing started.
        try project.edit(OperatorLifecycleBinaryTests.updateFile, replacing: "\"steps\"", with: "\"stepz\"")
        let refusedRemote = try await Self.recipes(["start", "hibob-docebo"], in: project.root, environment: api)
        let refusedDirect = try await Self.recipes(["start", "hibob-docebo"], in: project.root)
        #expect(refusedRemote.status == 1)
        #expect(refusedRemote.stderr == refusedDirect.stderr)
        #expect(refusedRemote.stderr.hasSuffix("recipes: not started: 2 errors in 'hibob-docebo'; nothing was started\n"))

        // rerun through the server: a new job linked to the old one.
        let rerun = try await Self.recipes(["rerun", parent], in: project.root, environment: api)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let newID = try #require(Int(rerun.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(rerun.stderr == """
            queued job \(newID): a re-run of job \(parent) (\(OperatorHistoryBinaryTests.update))
            note: \(OperatorHistoryBinaryTests.update) is stopped; the job runs the content job \(parent) ran

            """)
        let job = try await project.json("job", String(newID))
        #expect(job["job"]?["parentId"] == .int(Int(history.parent.id)))

        // Wrong token, no token, no server: clear errors, no fall back to the database.
        let wrong = try await Self.recipes(["jobs"], in: project.root, environment: ["RECIPES_URL": server.url, "RECIPES_ADMIN_TOKEN": "nope"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr == "recipes: the bearer token is not the server's admin token (check RECIPES_ADMIN_TOKEN)\n")
        let missing = try await Self.recipes(["jobs"], in: project.root, environment: ["RECIPES_URL": server.url])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Authorization: Bearer"))
        #expect(!server.stderr.contains(Self.token), "the server never logs the token")
    }

    @Test func aServerThatCannotBeReachedIsAnErrorNamingTheURL() async throws {
        let project = try OperatorFixture()
        let down = try await Self.recipes(["jobs"], in: project.root, environment: ["RECIPES_URL": "http://127.0.0.1:1"])
        #expect(down.status == 1)
        #expect(down.stderr.hasPrefix("recipes: cannot reach the recipes server at http://127.0.0.1:1 (RECIPES_URL): "), "\(down.stderr)")
        #expect(down.stdout == "")
        let notHTTP = try await Self.recipes(["status"], in: project.root, environment: ["RECIPES_URL": "127.0.0.1:8080"])
        #expect(notHTTP.status == 1)
        #expect(notHTTP.stderr == "recipes: RECIPES_URL must be an http:// or https:// URL, not '127.0.0.1:8080'\n")
    }

    @Test func withoutATokenAServerOnLoopbackServesTheAPIAndSaysSo() async throws {
        let project = try OperatorFixture()
        var environment = ProcessInfo.processInfo.environment
        environment["RECIPES_ADMIN_TOKEN"] = nil
        let server = try await ServeProcess(in: project.root, environment: environment)
        defer { server.stop() }
        #expect(server.stderr.contains("loopback only, no token"))
        let jobs = try await Self.recipes(["jobs", "--json"], in: project.root, environment: ["RECIPES_URL": server.url + "/"])
        #expect(jobs.status == 0, "\(jobs.stderr)")
        #expect(jobs.stdout == "{\n  \"version\": 1,\n  \"jobs\": []\n}\n")
    }
}
