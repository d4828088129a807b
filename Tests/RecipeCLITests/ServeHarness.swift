// The processes of the kill -9 suite (ServeCrashTests): a `recipes sandbox` process holding the
// fake HiBob and Docebo, and a `recipes serve` process on a fixed port that the test kills with
// SIGKILL and starts again on the same database; plus a small blocking HTTP/1.1 client.
import Foundation
import RecipeData
import RecipeHTTP
import RecipeTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.1 request per connection (`Connection: close`) over `TCPConnection`.
enum ServeHTTP {
    struct Answer: Sendable {
        var status: Int
        var body: [UInt8]
        var json: JSONValue? { try? JSONParser.parseValue(body) }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends the request to 127.0.0.1:`port` and reads the whole answer. Throws on any
    /// transport failure (refused, reset, timeout, end of stream before a complete answer).
    static func send(
        _ method: String, port: Int, path: String, body: [UInt8] = [], headers: [String: String] = [:], timeout: Double = 10
    ) throws -> Answer {
        let connection = try TCPConnection.connect(host: "127.0.0.1", port: port, timeout: timeout)
        defer { connection.close() }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        try connection.write(Array((head + "\r\n").utf8) + body)
        var received: [UInt8] = []
        var headEnd: Int?
        while headEnd == nil {
            let chunk = try connection.read()
            if chunk.isEmpty { throw Malformed(description: "end of stream before the answer's head") }
            received += chunk
            headEnd = received.firstRange(of: Array("\r\n\r\n".utf8))?.upperBound
        }
        guard let headEnd else { throw Malformed(description: "no head") }
        let lines = String(decoding: received[..<headEnd], as: UTF8.self).split(separator: "\r\n")
        let statusParts = lines.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw Malformed(description: "status line \(lines.first ?? "")")
        }
        let length = lines.first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) }
        while length.map({ received.count - headEnd < $0 }) ?? true {
            let chunk = try connection.read()
            if chunk.isEmpty {
                if length == nil { break }
                throw Malformed(description: "end of stream inside the body")
            }
            received += chunk
        }
        return Answer(status: status, body: Array(received[headEnd...]))
    }

    /// A JSON request; the answer must be a 2xx with a JSON body.
    static func json(_ method: String, port: Int, path: String, _ body: String? = nil) throws -> JSONValue {
        let answer = try send(
            method, port: port, path: path, body: Array((body ?? "").utf8),
            headers: body == nil ? [:] : ["Content-Type": "application/json"])
        guard (200..<300).contains(answer.status), let json = answer.json else {
            throw Malformed(description: "\(method) \(path) → \(answer.status) \(answer.text)")
        }
        return json
    }
}

/// A temporary project (the shipped recipes, tables and connectors), a `recipes sandbox`
/// process, the connections file pointed at it, and the `recipes serve` process under test.
final class ServeHarness: @unchecked Sendable {
    // @unchecked: the mutable process state is behind `lock`; the rest is immutable.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let root: URL
    let database: URL
    let connections: URL
    let sandboxPort: Int
    let environment: [String: String]
    /// The port every incarnation of `recipes serve` listens on, so a vendor's retries reach
    /// the restarted server at the same URL.
    let port: Int
    private let sandbox: Process
    private let lock = NSLock()
    private var serve: Process?
    private var incarnations = 0
    private(set) var kills = 0

    var webhookSecret: String { environment["HIBOB_WEBHOOK_SECRET"] ?? "" }

    init(employees: Int = 50, seed: Int = 7) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("recipes-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for item in ["recipes", "lookup-tables", "connectors"] {
            try FileManager.default.copyItem(
                at: PackagePaths.root.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        database = root.appendingPathComponent("engine.sqlite")
        connections = root.appendingPathComponent("connections.json")

        let sandboxLog = root.appendingPathComponent("sandbox.out")
        FileManager.default.createFile(atPath: sandboxLog.path, contents: nil)
        sandbox = Process()
        sandbox.executableURL = BinaryTests.binary
        sandbox.arguments = ["sandbox", "--port", "0", "--smtp-port", "0", "--employees", String(employees), "--seed", String(seed)]
        sandbox.currentDirectoryURL = root
        sandbox.standardOutput = try FileHandle(forWritingTo: sandboxLog)
        sandbox.standardError = FileHandle.nullDevice
        sandbox.standardInput = FileHandle.nullDevice
        try sandbox.run()
        // The banner ends with the exported credentials, sorted by name (RECRUIT_TOKEN last).
        var banner = ""
        let deadline = Date().addingTimeInterval(30)
        while !(banner.contains("export RECRUIT_TOKEN=") && banner.hasSuffix("\n")) {
            guard Date() < deadline, sandbox.isRunning else {
                sandbox.terminate()
                throw Failure(description: "the sandbox printed no banner: \(banner)")
            }
            usleep(20_000)
            banner = (try? String(contentsOf: sandboxLog, encoding: .utf8)) ?? ""
        }
        func port(after scheme: String) -> Int {
            let line = banner.split(separator: "\n").first { $0.contains(scheme) } ?? ""
            return line.split(separator: ":").dropFirst(2).first.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
        }
        sandboxPort = port(after: "listening on http://")
        let smtpPort = port(after: "smtp://")
        var environment = ProcessInfo.processInfo.environment
        for line in banner.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("export "), let equals = trimmed.firstIndex(of: "=") else { continue }
            environment[String(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 7)..<equals])] =
                String(trimmed[trimmed.index(after: equals)...])
        }
        environment.removeValue(forKey: "RECIPES_URL")
        environment.removeValue(forKey: "RECIPES_ADMIN_TOKEN")
        self.environment = environment
        let example = try String(contentsOf: PackagePaths.root.appendingPathComponent("connections.example.json"), encoding: .utf8)
        // Docebo's own limit (1,000 calls an hour, a burst of 20 in connectors/docebo.json) would
        // make the engine wait seconds per call after the first few jobs; the sandbox's window is
        // 1,000 an hour too, which this suite stays under. The connection raises the client's.
        try example.replacingOccurrences(of: "127.0.0.1:8099", with: "127.0.0.1:\(sandboxPort)")
            .replacingOccurrences(
                of: "\"baseURL\": \"http://127.0.0.1:\(sandboxPort)/docebo\",",
                with: "\"baseURL\": \"http://127.0.0.1:\(sandboxPort)/docebo\", \"rateLimit\": {\"requests\": 50, \"per\": \"1s\", \"burst\": 50},")
            .replacingOccurrences(of: "\"port\": 8025", with: "\"port\": \(smtpPort)")
            .write(to: connections, atomically: true, encoding: .utf8)
        let listener = try TCPListener(host: "127.0.0.1", port: 0)
        self.port = listener.port
        listener.close()
    }

    deinit {
        stopAll()
        if ProcessInfo.processInfo.environment["RECIPES_CRASH_KEEP"] == nil { try? FileManager.default.removeItem(at: root) }
    }

    /// Kills `recipes serve` (if running) and stops the sandbox. Safe to call more than once.
    func stopAll() {
        lock.withLock {
            if let serve, serve.isRunning {
                kill(serve.processIdentifier, SIGKILL)
                serve.waitUntilExit()
            }
            serve = nil
        }
        if sandbox.isRunning {
            sandbox.terminate()
            sandbox.waitUntilExit()
        }
    }

    /// Runs `recipes ARGUMENTS` in the project with the sandbox's credentials.
    func recipes(_ arguments: [String]) throws -> BinaryTests.Output {
        let process = Process()
        process.executableURL = BinaryTests.binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes while the process runs, so neither fills up and blocks it.
        let errData = ErrorBuffer()
        let errThread = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        errThread.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.done { usleep(1_000) }
        return BinaryTests.Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: errData.data, as: UTF8.self))
    }

    /// `recipes ARGUMENTS --json` against the database, parsed.
    func json(_ arguments: [String]) throws -> JSONValue {
        let output = try recipes(arguments + ["--db", database.path, "--project", root.path, "--json"])
        guard output.status == 0 else {
            throw Failure(description: "recipes \(arguments.joined(separator: " ")): exit \(output.status): \(output.stderr)")
        }
        return try JSONParser.parseValue(output.stdout)
    }

    /// Starts a new incarnation of `recipes serve` on `port` and waits (bounded) for `/readyz`.
    func startServe() throws {
        let log = lock.withLock { () -> URL in
            incarnations += 1
            return root.appendingPathComponent("serve-\(incarnations).log")
        }
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = BinaryTests.binary
        process.arguments = [
            "serve", "--port", String(port), "--db", database.path, "--connections", connections.path, "--project", root.path,
        ]
        process.currentDirectoryURL = root
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        lock.withLock { serve = process }
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if !process.isRunning {
                throw Failure(description: "recipes serve exited \(process.terminationStatus): \(logText(log))")
            }
            if let answer = try? ServeHTTP.send("GET", port: port, path: "/readyz", timeout: 2), answer.status == 200 { return }
            usleep(20_000)
        }
        throw Failure(description: "recipes serve never became ready: \(logText(log))")
    }

    /// SIGKILL, no grace: the process gets no chance to finish anything.
    func killServe() {
        lock.withLock {
            guard let serve, serve.isRunning else { return }
            kill(serve.processIdentifier, SIGKILL)
            serve.waitUntilExit()
            kills += 1
            self.serve = nil
        }
    }

    /// SIGTERM, the graceful stop: waits for the process and answers its exit status.
    func terminateServe() -> Int32? {
        lock.withLock {
            guard let serve, serve.isRunning else { return nil }
            kill(serve.processIdentifier, SIGTERM)
            serve.waitUntilExit()
            self.serve = nil
            return serve.terminationStatus
        }
    }

    /// Whether the current incarnation is running.
    var serveIsRunning: Bool { lock.withLock { serve?.isRunning ?? false } }

    /// The standard error of every incarnation so far, in order.
    var serveLogs: [String] {
        let count = lock.withLock { incarnations }
        return (0..<count).map { logText(root.appendingPathComponent("serve-\($0 + 1).log")) }
    }

    private func logText(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    /// The sandbox's admin API.
    func sandboxJSON(_ method: String, _ path: String, _ body: String? = nil) throws -> JSONValue {
        try ServeHTTP.json(method, port: sandboxPort, path: path, body)
    }

    /// The Docebo users of the sandbox.
    func doceboUsers() throws -> [JSONValue] {
        try sandboxJSON("GET", "/_sandbox/state/docebo")["users"]?.arrayValue ?? []
    }

    /// Waits (bounded) until the store holds `expected` top-level jobs and none is queued or
    /// running; answers the job rows.
    func waitForQuietJobs(expected: Int, timeout: Double = 40) throws -> [JSONValue] {
        let deadline = Date().addingTimeInterval(timeout)
        var rows: [JSONValue] = []
        while Date() < deadline {
            rows = try json(["jobs", "--limit", "10000"])["jobs"]?.arrayValue ?? []
            let topLevel = rows.filter { $0["parentId"]?.isNull ?? true }
            let busy = rows.contains { ["queued", "running"].contains($0["status"]?.stringValue ?? "") }
            if !busy && topLevel.count >= expected { return rows }
            usleep(100_000)
        }
        return rows
    }
}

private final class ErrorBuffer: @unchecked Sendable {
    // @unchecked: `data` is written once under `lock`, read after `done`.
    private let lock = NSLock()
    private var stored: Data?
    func set(_ data: Data) { lock.withLock { stored = data } }
    var done: Bool { lock.withLock { stored != nil } }
    var data: Data { lock.withLock { stored ?? Data() } }
}
