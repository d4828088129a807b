/// The byte stream an SMTP conversation runs over: a TCP connection to the relay in
/// production, a scripted fake in unit tests.
public protocol SMTPTransport: AnyObject {
    /// Sends bytes, all of them, or throws.
    func send(_ bytes: [UInt8]) throws
    /// The next line the server sent, without its CRLF; throws on timeout or a closed stream.
    func receiveLine() throws -> String
    func close()
}

/// An SMTP failure: the relay's reply code and text, or a transport problem. Never contains
/// the password (AUTH is sent as base64, and replies are relay text).
public struct SMTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The reply code, or 0 for transport failures.
    public var code: Int
    public var message: String
    /// The command that got the reply (`MAIL FROM`, `DATA`...), without arguments.
    public var command: String

    public init(code: Int, message: String, command: String) {
        self.code = code
        self.message = message
        self.command = command
    }

    /// 4yz replies are transient (RFC 5321 §4.2.1): the same message may go through later.
    /// Transport failures are retried too; 5yz replies are permanent.
    public var isTransient: Bool { code == 0 || (400..<500).contains(code) }

    public var description: String {
        code == 0 ? "\(command): \(message)" : "\(command) was answered \(code) \(message)"
    }
}
