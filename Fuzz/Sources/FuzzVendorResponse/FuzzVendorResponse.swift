// Whatever a vendor answers, through the connector response path: the shipped connector
// definitions and connections.example.json, with a transport that answers every request
// (token requests included) with the fuzzed response. The input is one byte choosing the
// action, then an HTTP response as text: a status line, header lines and, after an empty line,
// the body. The action, called twice, must return an output or a `ConnectorError`, never trap or hang.
import Foundation
import FuzzSupport
import RecipeData
import RecipeEngine
import RecipeHTTPCore
import RecipeTestSupport
@testable import RecipeConnectors

private let root = PackagePaths.root

private let definitions = ConnectorDefinitionLoader.loadDirectory(root.appendingPathComponent("connectors").path).definitions
private let connections = Connections.load(path: root.appendingPathComponent("connections.example.json").path).0

private let secrets = SecretResolver(environment: TestSecrets.environment, readFile: { _ in nil })

/// Actions of every connector with inputs they accept; reads, writes, paginated lists and OAuth.
private let calls: [(connection: String, action: String, input: JSONValue)] = [
    ("hibob", "get_employee", ["id": "1"]), ("hibob", "search_people", ["fields": ["root.id"]]),
    ("hibob", "search_openings", [:]), ("docebo", "find_user_by_email", ["email": "ada@example.com"]),
    ("docebo", "get_user", ["user_id": 1]), ("docebo", "create_user", ["userid": "a@example.com", "email": "a@example.com"]),
    ("docebo", "change_status", ["user_id": 1, "status": 0]), ("360learning", "update_user", ["user_id": "u1", "job": "x"]),
    ("greenhouse", "get_job", ["id": 1]), ("greenhouse", "add_note", ["candidate_id": 1, "body": "x"]),
    ("greenhouse", "find_candidate_by_email", ["email": "ada@example.com"]), ("recruit", "create_position", ["externalId": "p"]),
    ("recruit", "get_opening_by_external_id", ["externalId": "o"]), ("reachdesk", "list_recipients", [:]),
    ("reachdesk", "get_recipient", ["externalId": "1"]), ("hipeople", "list_roles", [:]),
    ("hipeople", "send_assessment", ["candidate_id": "c1", "idempotency_key": "k"]),
]

/// Answers every request with the same response.
private struct FixedAnswer: HTTPClient {
    let response: HTTPResponse
    func send(_ request: ClientRequest) async throws(TransportError) -> HTTPResponse { response }
}

/// `HTTP/1.1 429 Slow down\r\nRetry-After: 5\r\n\r\n{"error": …}` → a response. Lenient on
/// purpose (LF or CRLF, any status number, lines without a colon skipped): the transport below
/// decides what reaches the connector; this target is about what the connector does with it.
private func response(_ bytes: ArraySlice<UInt8>) -> HTTPResponse {
    var head = bytes
    var body: [UInt8] = []
    for index in bytes.indices where bytes[index] == 0x0A {
        let next = bytes.index(after: index)
        if next < bytes.endIndex && bytes[next] == 0x0A {
            head = bytes[..<index]; body = Array(bytes[bytes.index(after: next)...]); break
        }
        if next < bytes.endIndex && bytes[next] == 0x0D, bytes.index(after: next) < bytes.endIndex,
            bytes[bytes.index(after: next)] == 0x0A {
            head = bytes[..<index]; body = Array(bytes[bytes.index(next, offsetBy: 2)...]); break
        }
    }
    // Split bytes, not a String: "\r\n" is one Character, so splitting text at "\n" would not.
    let lines = head.split(separator: 0x0A, omittingEmptySubsequences: false)
        .map { String(decoding: $0.last == 0x0D ? $0.dropLast() : $0, as: UTF8.self) }
    let statusWords = lines.first?.split(separator: " ") ?? []
    let status = statusWords.count > 1 ? Int(statusWords[1]) ?? 200 : 200
    var headers = HTTPHeaders()
    for line in lines.dropFirst() {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers.add(String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
    }
    return HTTPResponse(status: status, headers: headers, body: body)
}

/// FUZZ_VERBOSE=1 prints what each input did (for reproducing a finding by hand).
private let verbose = ProcessInfo.processInfo.environment["FUZZ_VERBOSE"] != nil

private final class Outcome: @unchecked Sendable {
    var results: [ActionResult] = []
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    guard let selector = bytes.first, let connections else { return 0 }
    let call = calls[Int(selector) % calls.count]
    let answer = response(bytes.dropFirst())
    let (runtime, _) = ConnectorSetup.build(
        definitions: definitions, connections: connections, secrets: secrets, client: FixedAnswer(response: answer),
        clock: ManualClock(), jitter: { $0 })
    guard let connector = runtime?.connectors[call.connection] else { fatalError("the example connections do not load") }
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    let request = ActionRequest(
        connection: call.connection, action: call.action, input: call.input, jobID: "job-1",
        path: StepPath([.init(recipe: "fuzz", step: "step")]))
    // Twice on the same connection: what the first answer left behind (a paused rate-limit
    // bucket, a cached token) is what the job's next request meets.
    Task {
        outcome.results.append(await connector.performWithTrace(request))
        outcome.results.append(await connector.performWithTrace(request))
        done.signal()
    }
    require(done.wait(timeout: .now() + 10) == .success, "the action did not finish within 10 s")
    if verbose {
        print("\(call.connection).\(call.action) ← HTTP \(answer.status) \(answer.headers.fields)")
        for result in outcome.results {
            let statuses = result.attempts.map { $0.status.map(String.init) ?? $0.failure ?? "?" }
            switch result.output {
            case .success(let output): print("  output \(String(decoding: output.jsonBytes().prefix(200), as: UTF8.self)) after \(statuses)")
            case .failure(let error): print("  \(error.kind) \(error.message) retryAfter \(String(describing: error.retryAfter)) after \(statuses)")
            }
        }
    }
    require(outcome.results.allSatisfy { !$0.attempts.isEmpty }, "an action call made no HTTP attempt")
    return 0
}
