import RecipeHTTP
import RecipeHTTPCore

/// An SMTP byte stream over a TCP connection (plain SMTP to a relay; TLS relays need a local
/// relay in front, since the engine links no TLS library). Lines end with CRLF (RFC 5321 §2.3.8);
/// a reply line longer than `maxLineBytes` is an error rather than unbounded buffering.
public final class TCPSMTPTransport: SMTPTransport {
    /// RFC 5321 §4.5.3.1.5: reply lines are at most 512 octets; allow some slack.
    public static let maxLineBytes = 4096

    private let connection: TCPConnection
    private var buffer: [UInt8] = []

    public init(host: String, port: Int, timeout: Duration) throws {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        connection = try TCPConnection.connect(host: host, port: port, timeout: seconds)
    }

    public func send(_ bytes: [UInt8]) throws { try connection.write(bytes) }

    public func receiveLine() throws -> String {
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[..<end])
                buffer.removeSubrange(...end)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard buffer.count <= Self.maxLineBytes else {
                throw SMTPError(code: 0, message: "reply line longer than \(Self.maxLineBytes) bytes", command: "read")
            }
            let chunk = try connection.read()
            if chunk.isEmpty { throw SMTPError(code: 0, message: "the relay closed the connection", command: "read") }
            buffer += chunk
        }
    }

    public func close() { connection.close() }
}

extension SMTPNotifier {
    /// A notifier that connects to the relay over TCP.
    public init(configuration: Configuration) {
        self.init(configuration: configuration) { configuration in
            try TCPSMTPTransport(host: configuration.host, port: configuration.port, timeout: configuration.timeout)
        }
    }
}
