import Foundation

/// An RFC 5321 client for sending one message to a relay: greeting, EHLO (HELO fallback),
/// optional AUTH PLAIN (RFC 4616), MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT.
///
/// RFC 5321 §4.2: a reply is one or more lines "code SP text" or "code - text" for all but
/// the last line; §4.5.2: "Before sending a line of mail text, the SMTP client checks the
/// first character of the line. If it is a period, one additional period is inserted".
public struct SMTPClient: Sendable {
    public struct Credentials: Sendable {
        public var username: String
        public var password: String
        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }
    }

    /// The name this client gives in EHLO.
    public var clientName: String
    public var credentials: Credentials?

    public init(clientName: String = "recipe-engine.localhost", credentials: Credentials? = nil) {
        self.clientName = clientName
        self.credentials = credentials
    }

    /// Runs the whole conversation for one message and closes the transport.
    public func send(_ message: MailMessage, over transport: some SMTPTransport) throws(SMTPError) {
        defer { transport.close() }
        _ = try reply(from: transport, for: "greeting", expecting: 220)
        let capabilities: [String]
        do {
            capabilities = try command("EHLO \(clientName)", name: "EHLO", expecting: 250, on: transport)
        } catch {
            capabilities = try command("HELO \(clientName)", name: "HELO", expecting: 250, on: transport)
        }
        if let credentials {
            guard capabilities.contains(where: { $0.uppercased().hasPrefix("AUTH") && $0.uppercased().contains("PLAIN") })
            else {
                throw SMTPError(code: 0, message: "the relay does not offer AUTH PLAIN", command: "AUTH")
            }
            let token = Data(([0] + Array(credentials.username.utf8) + [0] + Array(credentials.password.utf8)))
                .base64EncodedString()
            _ = try command("AUTH PLAIN \(token)", name: "AUTH", expecting: 235, on: transport)
        }
        _ = try command("MAIL FROM:<\(message.from)>", name: "MAIL FROM", expecting: 250, on: transport)
        for recipient in message.to {
            _ = try command("RCPT TO:<\(recipient)>", name: "RCPT TO", expecting: 250, 251, on: transport)
        }
        _ = try command("DATA", name: "DATA", expecting: 354, on: transport)
        try write(message.dataSection(), to: transport, command: "DATA")
        _ = try reply(from: transport, for: "end of data", expecting: 250)
        _ = try? command("QUIT", name: "QUIT", expecting: 221, on: transport)
    }

    private func command(_ line: String, name: String, expecting codes: Int..., on transport: some SMTPTransport) throws(SMTPError) -> [String] {
        try write(Array((line + "\r\n").utf8), to: transport, command: name)
        return try reply(from: transport, for: name, expecting: codes)
    }

    private func write(_ bytes: [UInt8], to transport: some SMTPTransport, command: String) throws(SMTPError) {
        do {
            try transport.send(bytes)
        } catch {
            throw SMTPError(code: 0, message: "sending failed: \(error)", command: command)
        }
    }

    private func reply(from transport: some SMTPTransport, for name: String, expecting codes: Int...) throws(SMTPError) -> [String] {
        try reply(from: transport, for: name, expecting: codes)
    }

    /// Reads a (possibly multi-line) reply; returns the text of each line.
    private func reply(from transport: some SMTPTransport, for name: String, expecting codes: [Int]) throws(SMTPError) -> [String] {
        var lines: [String] = []
        while true {
            let line: String
            do {
                line = try transport.receiveLine()
            } catch {
                throw SMTPError(code: 0, message: "no reply: \(error)", command: name)
            }
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)) else {
                throw SMTPError(code: 0, message: "malformed reply '\(line.prefix(80))'", command: name)
            }
            lines.append(String(decoding: bytes.dropFirst(4), as: UTF8.self))
            if bytes.count > 3 && bytes[3] == UInt8(ascii: "-") { continue }
            guard codes.contains(code) else {
                throw SMTPError(code: code, message: lines.joined(separator: " "), command: name)
            }
            return lines
        }
    }
}
