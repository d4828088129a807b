import Foundation
import Testing
@testable import RecipeHTTP
import RecipeHTTPCore

/// A response as read off the wire by the tests' raw client.
struct WireResponse {
    var status: Int
    var headers: HTTPHeaders
    var body: String
}

/// A raw HTTP client over `TCPConnection`, reading responses framed by Content-Length.
final class RawClient {
    let connection: TCPConnection
    private var buffer: [UInt8] = []

    init(port: Int, timeout: Double = 10) throws {
        connection = try TCPConnection.connect(host: "127.0.0.1", port: port, timeout: timeout)
    }

    func send(_ text: String) throws { try connection.write(text) }

    /// Reads one response (interim 1xx responses too); nil if the server closed first.
    func readResponse(headOnly: Bool = false) throws -> WireResponse? {
        while true {
            if let end = headEnd() {
                let head = String(decoding: buffer[..<end], as: UTF8.self)
                var lines = head.components(separatedBy: "\r\n")
                let status = Int(lines.removeFirst().split(separator: " ")[1]) ?? 0
                var headers = HTTPHeaders()
                for line in lines {
                    let parts = line.split(separator: ":", maxSplits: 1)
                    headers.add(String(parts[0]), String(parts[1].drop { $0 == " " }))
                }
                let length = headOnly ? 0 : Int(headers["Content-Length"] ?? "0") ?? 0
                while buffer.count < end + 4 + length {
                    let more = try connection.read()
                    if more.isEmpty { return nil }
                    buffer += more
                }
                let body = String(decoding: buffer[(end + 4)..<(end + 4 + length)], as: UTF8.self)
                buffer.removeFirst(end + 4 + length)
                return WireResponse(status: status, headers: headers, body: body)
            }
            let more = try connection.read()
            if more.isEmpty { return nil }
            buffer += more
        }
    }

    /// True when the server closes without sending anything more.
    func readsEndOfStream() throws -> Bool {
        guard buffer.isEmpty else { return false }
        return try connection.read().isEmpty
    }

    private func headEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4) where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }
}

/// Echoes method, target and body; `/slow` waits 300 ms; `/hang` waits an hour.
let echoHandler = HandlerFunction { request in
    switch request.path {
    case "/slow": try? await Task.sleep(for: .milliseconds(300))
    case "/hang": try? await Task.sleep(for: .seconds(3600))
    default: break
    }
    return .text("\(request.method) \(request.target) \(request.bodyText)")
}

/// Runs `body` against a server on 127.0.0.1 with a free port, then shuts it down.
func withServer(
    limits: HTTPServerLimits = .default, eventLoops: Int = 2, grace: Duration = .seconds(5),
    handler: some HTTPHandler = echoHandler, _ body: (HTTPServer, Int) async throws -> Void
) async throws {
    let server = HTTPServer(
        configuration: .init(port: 0, limits: limits, eventLoops: eventLoops, shutdownGracePeriod: grace), handler: handler,
        logger: { _ in })
    let port = try server.start()
    do {
        try await body(server, port)
    } catch {
        await server.shutdown()
        throw error
    }
    await server.shutdown()
}

/// Runs blocking socket work off the cooperative pool.
func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
