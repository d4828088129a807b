import Foundation
import RecipeCLI
import RecipeHTTPCore
import RecipeSandbox
import RecipeTestSupport
import Testing

/// `recipes sandbox --port 0` binds a free SMTP port too: a test, or a user running a second
/// sandbox, never waits on the fixed 8025 another process holds.
struct SandboxPortTests {
    @Test(arguments: [
        (["sandbox"], 8099, 8025),
        (["sandbox", "--port", "9000"], 9000, 8025),
        (["sandbox", "--port", "0"], 0, 0),
        (["sandbox", "--port", "0", "--smtp-port", "2525"], 0, 2525),
        (["sandbox", "--smtp-port", "0"], 8099, 0),
    ])
    func theSMTPPortFollowsAFreeHTTPPort(arguments: [String], http: Int, smtp: Int) throws {
        guard case .sandbox(let options) = try Command.parse(arguments) else {
            Issue.record("not a sandbox command")
            return
        }
        #expect(options.port == http)
        #expect(options.resolvedSMTPPort == smtp)
    }

    /// Starts `recipes sandbox --port 0`, reads its banner, and answers the two printed ports
    /// (0 when the banner never came); the process is left running for the caller to stop.
    static func start() throws -> (process: Process, http: Int, smtp: Int) {
        let process = Process()
        process.executableURL = BinaryTests.binary
        process.arguments = ["sandbox", "--port", "0", "--employees", "50"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        // A watchdog: a banner that never comes ends the read (empty data) instead of hanging.
        DispatchQueue.global().asyncAfter(deadline: .now() + 60) { if process.isRunning { process.terminate() } }
        var banner = ""
        while !banner.contains("(mail sink") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        func port(after scheme: String) -> Int {
            let line = banner.split(separator: "\n").first { $0.contains(scheme) } ?? ""
            return line.split(separator: ":").dropFirst(2).first.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
        }
        return (process, port(after: "listening on http://"), port(after: "smtp://"))
    }

    @Test func twoSandboxesOnFreePortsRunSideBySide() async throws {
        let (first, second) = try await offloaded { () -> ((Process, Int, Int), (Process, Int, Int)) in
            (try Self.start(), try Self.start())
        }
        for (process, _, _) in [first, second] where process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        #expect(first.1 > 0 && second.1 > 0 && first.1 != second.1)
        #expect(first.2 > 0 && second.2 > 0 && first.2 != second.2, "the SMTP ports printed: \(first.2), \(second.2)")
        #expect(first.2 != SandboxServer.exampleSMTPPort && second.2 != SandboxServer.exampleSMTPPort)
    }
}
