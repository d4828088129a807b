// A loopback peer that answers HTTP requests with whatever bytes a test gives it (a garbage
// status line, a lying Content-Length, an endless body, a redirect), one thread per connection,
// so the client under test meets answers no well-behaved server would send.
import Foundation
import RecipeHTTP
import RecipeHTTPCore
import Synchronization

/// Serves raw answers on 127.0.0.1 (an ephemeral port) until released.
public final class RawHTTPPeer: Sendable {
    /// How to answer one request: its head (request line and headers) in, writes out.
    public typealias Answer = @Sendable (_ head: String, _ connection: TCPConnection) throws -> Void

    public let port: Int
    private let listener: TCPListener
    private let log = RequestLog()

    /// The request heads received so far, in order.
    public var requests: [String] { log.heads.withLock { $0 } }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public init(_ answer: @escaping Answer) throws {
        listener = try TCPListener(host: "127.0.0.1", port: 0)
        port = listener.port
        let listener = self.listener
        let log = self.log
        Thread.detachNewThread {
            while !listener.isClosing {
                guard let connection = try? listener.accept(waiting: 0.2, timeout: 10) else { continue }
                Thread.detachNewThread {
                    defer { connection.close() }
                    guard let head = Self.readRequest(connection) else { return }
                    log.heads.withLock { $0.append(head) }
                    try? answer(head, connection)
                    // FIN, not a reset that could discard the answer before the client reads it.
                    connection.finishWriting()
                }
            }
        }
    }

    /// Answers every request with `bytes` and closes the connection.
    public convenience init(answering bytes: String) throws {
        try self.init { _, connection in try connection.write(bytes) }
    }

    deinit { listener.close() }

    /// The request line and headers; a `Content-Length` body is read too (and dropped), so
    /// closing after the answer does not reset the connection under unread bytes.
    static func readRequest(_ connection: TCPConnection) -> String? {
        var received: [UInt8] = []
        var headEnd: Int?
        while headEnd == nil {
            guard received.count < 65536, let chunk = try? connection.read(), !chunk.isEmpty else { return nil }
            received += chunk
            headEnd = received.firstRange(of: Array("\r\n\r\n".utf8))?.upperBound
        }
        guard let headEnd else { return nil }
        let head = String(decoding: received[..<headEnd], as: UTF8.self)
        let length = head.lowercased().split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        while received.count - headEnd < min(length, 1 << 20) {
            guard let chunk = try? connection.read(), !chunk.isEmpty else { break }
            received += chunk
        }
        return head
    }
}

private final class RequestLog: Sendable {
    let heads = Mutex<[String]>([])
}
