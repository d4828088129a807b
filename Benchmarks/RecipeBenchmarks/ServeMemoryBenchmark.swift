// serve-memory: resident memory (VmRSS of /proc/<pid>/status) of the real `recipes serve`
// binary (built beside RecipeBenchmarks: `swift build -c release --product recipes`), idle and
// after 100,000 signed HiBob deliveries posted over 64 keep-alive connections, and the
// database's size per delivery. The connections file is connections.example.json pointed at
// the sandbox served by this benchmark process (so the sandbox's memory is not the server's),
// with the sandbox's secrets in the server's environment; logs go to a file.
//
// Two settings, a new database each: no recipe started (every delivery recorded, no job), and
// the hibob-docebo recipes started (each delivery also queues a capture-user-update job; the
// server's workers run them against the sandbox meanwhile, far slower than the intake, so most
// stay queued when the last delivery is answered).
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import RecipeData
import RecipeIntake
import RecipeModel
import RecipeEngine
import RecipeRuntime
import RecipeSandbox
import RecipeStore
import RecipeStoreSQLite

enum ServeMemoryBenchmark {
    static let deliveries = Int(ProcessInfo.processInfo.environment["SERVE_MEMORY_DELIVERIES"] ?? "") ?? 100_000
    static let idleTargetMB = 50.0
    static let loadedTargetMB = 200.0

    static func binary() throws -> URL {
        let url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("recipes")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw SandboxFixture.SetupError(
                description: "no recipes binary at \(url.path): swift build -c release --product recipes (Benchmarks/run.sh does)")
        }
        return url
    }

    struct Figures {
        var idleMB: Double
        var loadedMB: Double
        var peakMB: Double
        var bytesPerDelivery: Double
        var perSecond: Double
        var jobsQueued: Int
    }

    static func measure(fixture: SandboxFixture, startRecipes: Bool, name: String) async throws -> Figures {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recipes-serve-memory-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("engine.sqlite").path
        let project = ProjectLoader.load(root: fixture.root)
        if startRecipes {
            let store = try SQLiteStore(path: database)
            for recipe in project.recipes.values where recipe.id.folder == "hibob-docebo" {
                try await store.setLifecycle(
                    RecipeLifecycle(
                        recipe: recipe.id.description, state: .started, pinnedContentHash: recipe.contentHash,
                        changedAt: Timestamp.milliseconds(Date())))
            }
        }
        let example = try String(contentsOf: fixture.root.appendingPathComponent("connections.example.json"), encoding: .utf8)
        let connections = directory.appendingPathComponent("connections.json")
        try fixture.server.pointing(exampleConnections: example).write(to: connections, atomically: true, encoding: .utf8)
        let logURL = directory.appendingPathComponent("serve.log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)

        let process = Process()
        process.executableURL = try binary()
        process.arguments = [
            "serve", "--port", "0", "--host", "127.0.0.1", "--db", database, "--project", fixture.root.path,
            "--connections", connections.path,
        ]
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in fixture.server.connectionEnvironment { environment[key] = value }
        process.environment = environment
        process.standardError = log
        process.standardOutput = log
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // The port, from the server.started line; then /readyz's recovery.done.
        var port: Int?
        let deadline = ContinuousClock.now + .seconds(30)
        while try port == nil || !String(contentsOf: logURL, encoding: .utf8).contains("event=recovery.done") {
            check(process.isRunning, "recipes serve exited: \((try? String(contentsOf: logURL, encoding: .utf8)) ?? "")")
            check(ContinuousClock.now < deadline, "recipes serve did not start within 30 s")
            let text = try String(contentsOf: logURL, encoding: .utf8)
            if let line = text.split(separator: "\n").first(where: { $0.contains("event=server.started") }),
                let range = line.range(of: "http://127.0.0.1:")
            {
                port = Int(line[range.upperBound...].prefix(while: \.isNumber))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        guard let port else { fatalError("no port") }
        try await Task.sleep(for: .seconds(2))
        let idle = residentKiB(pid: process.processIdentifier)!.rss

        let path = WebhookIntake.path(folder: "hibob-docebo", connection: "hibob")
        let requests = SignedHiBob.deliveries(
            fixture.sandbox, count: deliveries, salt: name, employees: fixture.sandbox.hibobEmployees.map(\.id)
        ).map { KeepAliveLoad.post(path, $0) }
        let result = KeepAliveLoad.run(port: port, requests: requests, connections: 64)
        check(result.ok == deliveries, "answered \(result.statuses), not \(deliveries) × 200")
        let loaded = residentKiB(pid: process.processIdentifier)!
        var size = 0
        for suffix in ["", "-wal", "-shm"] {
            size += ((try? FileManager.default.attributesOfItem(atPath: database + suffix))?[.size] as? Int) ?? 0
        }
        // How many jobs were still queued at the end (read through a second connection).
        var queued = 0
        if startRecipes {
            let reader = try SQLiteStore(path: database)
            queued = try await reader.jobs(JobFilter(status: .queued, limit: 1_000_000)).count
        }
        process.interrupt()
        process.waitUntilExit()
        try? log.close()
        return Figures(
            idleMB: Double(idle) / 1024, loadedMB: Double(loaded.rss) / 1024, peakMB: Double(loaded.peak) / 1024,
            bytesPerDelivery: Double(size) / Double(deliveries), perSecond: result.perSecond, jobsQueued: queued)
    }

    static func run() async throws {
        let fixture = try SandboxFixture(employees: 200)
        for (startRecipes, name) in [(false, "no recipe started"), (true, "hibob-docebo started, jobs queue")] {
            let figures = try await measure(fixture: fixture, startRecipes: startRecipes, name: startRecipes ? "jobs" : "alone")
            let label = "serve-memory: recipes serve (\(name))"
            reportValue("\(label) idle RSS", figures.idleMB, unit: "MB", target: idleTargetMB)
            reportValue("\(label) RSS after \(deliveries) deliveries", figures.loadedMB, unit: "MB", target: loadedTargetMB)
            reportValue("\(label) peak RSS (VmHWM) during \(deliveries) deliveries", figures.peakMB, unit: "MB", target: loadedTargetMB)
            reportValue("\(label) database (+WAL) per delivery", figures.bytesPerDelivery, unit: "bytes")
            reportValue("\(label) intake over 64 connections", figures.perSecond, unit: "deliveries/s")
            if startRecipes { reportValue("\(label) jobs still queued at the end", Double(figures.jobsQueued), unit: "jobs") }
        }
        await fixture.stop()
    }
}
