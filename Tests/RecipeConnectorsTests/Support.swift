import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeHTTPCore
import RecipeSandbox
import RecipeTestSupport
import Synchronization
import Testing

/// A fake vendor: records every request and answers with `respond`.
final class RecordingVendor: HTTPHandler {
    private let recorded = Mutex<[HTTPRequest]>([])
    let respond: @Sendable (HTTPRequest, Int) -> HTTPResponse

    /// - Parameter respond: gets the request and its 0-based index among all requests.
    init(_ respond: @escaping @Sendable (HTTPRequest, Int) -> HTTPResponse = { _, _ in .json([:]) }) {
        self.respond = respond
    }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let index = recorded.withLock { list in
            list.append(request)
            return list.count - 1
        }
        return respond(request, index)
    }

    var requests: [HTTPRequest] { recorded.withLock { $0 } }
    /// Requests other than token requests.
    var apiRequests: [HTTPRequest] { requests.filter { !$0.path.hasSuffix("/oauth2/token") } }
}

/// A transport that fails the first `failures` sends with `error`, then forwards.
final class FailingTransport: HTTPClient {
    let failures: Mutex<Int>
    let error: TransportError
    let next: any HTTPClient
    let applies: @Sendable (ClientRequest) -> Bool

    /// - Parameter applies: which requests may fail (by default all but token requests).
    init(
        failures: Int, error: TransportError, then next: any HTTPClient,
        applies: @escaping @Sendable (ClientRequest) -> Bool = { !$0.url.hasSuffix("/oauth2/token") }
    ) {
        self.failures = Mutex(failures)
        self.error = error
        self.next = next
        self.applies = applies
    }

    func send(_ request: ClientRequest) async throws(TransportError) -> HTTPResponse {
        let fail = applies(request) && failures.withLock { count -> Bool in
            defer { count -= 1 }
            return count > 0
        }
        if fail { throw error }
        return try await next.send(request)
    }
}



/// The shipped definitions and `connections.example.json`, wired to a fake vendor in-process.
final class ConnectorHarness: Sendable {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var connectorsDirectory: String { root.appendingPathComponent("connectors").path }
    static var exampleConnections: String { root.appendingPathComponent("connections.example.json").path }

    let vendor: RecordingVendor
    let clock = ManualClock()
    let runtime: ConnectorRuntime
    private let box: AttemptBox
    /// Every attempt the observer received.
    var attempts: [AttemptRecord] { box.records.withLock { $0 } }

    /// - Parameter client: wraps the transport (to inject failures); the transport itself is
    ///   the one line to change for loopback tests against the sandbox server.
    init(
        vendor: RecordingVendor = RecordingVendor(), environment: [String: String] = TestSecrets.environment,
        definitions: String = ConnectorHarness.connectorsDirectory,
        client: (any HTTPClient) -> any HTTPClient = { $0 }, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        self.vendor = vendor
        let transport: any HTTPClient = HandlerTransport(vendor)
        let box = AttemptBox()
        self.box = box
        let (runtime, diagnostics) = ConnectorSetup.load(
            definitionsDirectory: definitions, connectionsFile: Self.exampleConnections,
            secrets: SecretResolver(environment: environment, readFile: { _ in nil }), client: client(transport), clock: clock,
            observer: { _, records in box.records.withLock { $0 += records } }, jitter: { $0 })
        #expect(diagnostics.filter { $0.severity == .error }.map(\.description) == [], sourceLocation: sourceLocation)
        self.runtime = try #require(runtime, sourceLocation: sourceLocation)
    }

    func perform(_ connection: String, _ action: String, _ input: JSONValue) async throws -> JSONValue {
        let connector = try #require(runtime.registry[connection])
        return try await connector.perform(
            ActionRequest(connection: connection, action: action, input: input, jobID: "job-1", path: StepPath([.init(recipe: "t", step: "step")])))
    }

    /// The error thrown by the action (fails the test when it succeeds).
    func failure(_ connection: String, _ action: String, _ input: JSONValue) async throws -> ConnectorError {
        do {
            let output = try await perform(connection, action, input)
            Issue.record("expected \(connection).\(action) to fail, got \(output)")
            return ConnectorError(.http, "no error")
        } catch let error as ConnectorError {
            return error
        }
    }
}

/// The shipped connections.example.json pointed at a running sandbox, loaded with the
/// sandbox's credentials (or `environment`), written to a temporary file the caller removes.
/// `edit` may change the file's text first (e.g. add a `"timeout"`).
func sandboxRuntime(
    _ server: SandboxServer, environment: [String: String]? = nil, clock: any EngineClock = SystemClock(),
    observer: AttemptObserver? = nil, jitter: (@Sendable (Duration) -> Duration)? = nil, edit: (String) -> String = { $0 },
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> (ConnectorRuntime, URL) {
    let example = try String(contentsOf: URL(fileURLWithPath: ConnectorHarness.exampleConnections), encoding: .utf8)
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("connections-\(UUID().uuidString).json")
    try server.pointing(exampleConnections: edit(example)).write(to: file, atomically: true, encoding: .utf8)
    let (runtime, diagnostics) = ConnectorSetup.load(
        definitionsDirectory: ConnectorHarness.connectorsDirectory, connectionsFile: file.path,
        secrets: SecretResolver(environment: environment ?? server.connectionEnvironment), clock: clock, observer: observer,
        jitter: jitter)
    #expect(diagnostics.filter { $0.severity == .error }.map(\.description) == [], sourceLocation: sourceLocation)
    return (try #require(runtime, sourceLocation: sourceLocation), file)
}

final class AttemptBox: Sendable {
    let records = Mutex<[AttemptRecord]>([])
}

extension HTTPRequest {
    var jsonBody: JSONValue? { body.isEmpty ? nil : try? JSONParser.parseValue(body) }
}

extension JSONValue {
    static func parse(_ text: String) -> JSONValue { (try? JSONParser.parseValue(text)) ?? .null }
}
