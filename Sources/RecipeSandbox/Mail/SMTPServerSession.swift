// The server side of one SMTP conversation (RFC 5321) as a pure state machine: bytes in,
// replies and received messages out. The socket driver (`SMTPSink`) only moves bytes, so every
// rule below is tested without a network.
//
// Rules relied on, RFC 5321:
//   §4.1.1.1  EHLO answers a multi-line 250 listing extensions; EHLO/HELO reset a transaction.
//   §4.1.1.2–4 MAIL FROM:<path>, RCPT TO:<path>, DATA in that order, otherwise 503.
//   §4.1.1.4  the data ends with CRLF "." CRLF, and §2.3.8 only CRLF ends a line: inside the
//             data a bare LF is text, so "\n.\n" can neither end the message nor smuggle a
//             second one in; §4.5.2 a leading "." of any other line is removed (transparency).
//             (Command lines are also accepted ending in a bare LF, as common servers do.)
//   §4.5.3.1.4 a command line is at most 512 octets and §4.5.3.1.6 a text line at most 1000
//             octets, CRLF included; §4.5.3.1.10 "500 Line too long", "452 Too many recipients".
//   RFC 1870 SIZE: size-value is 1*20DIGIT, read through `NumberInput` (501 when malformed);
//             "552 Message size exceeds fixed maximum message size".
//   RFC 4954 / RFC 4616 AUTH PLAIN: base64("\0user\0password"), 235 on success, 535 on
//             failure, 530 when a transaction is tried without it.
import Foundation

/// One SMTP conversation seen from the server.
struct SMTPServerSession {
    /// What a `receive` call produced: replies to send (without CRLF), messages that were
    /// accepted, and whether to close the connection after sending the replies.
    struct Reaction: Equatable {
        var replies: [String] = []
        var delivered: [ReceivedMail] = []
        var close = false
    }

    private enum Phase: Equatable {
        case connected
        case greeted
        case mail(from: String, recipients: [String])
        case data(from: String, recipients: [String])
        case authenticating
        case closed
    }

    let serverName: String
    let limits: SMTPSinkLimits
    let credentials: SMTPSinkCredentials?
    private var phase = Phase.connected
    private var authenticated = false
    private var buffer: [UInt8] = []
    private var previousByte: UInt8 = 0
    private var discardingOverlongLine = false
    private var data: [UInt8] = []
    private var dataTooLarge = false
    private var dataLineTooLong = false

    init(serverName: String, limits: SMTPSinkLimits, credentials: SMTPSinkCredentials?) {
        self.serverName = serverName
        self.limits = limits
        self.credentials = credentials
    }

    /// The 220 greeting sent when the connection opens.
    var greeting: String { "220 \(serverName) ESMTP RecipeEngine sandbox mail sink" }

    var isClosed: Bool { phase == .closed }

    private var isReadingData: Bool {
        if case .data = phase { true } else { false }
    }

    /// The most a message may hold: the advertised `SIZE`, and never more than the whole mail
    /// store, so an accepted message always fits in it.
    private var messageSizeLimit: Int { min(limits.maxMessageSize, limits.maxStoredBytes) }

    /// Feeds bytes as they arrive (any chunking, pipelined commands included).
    mutating func receive(_ bytes: some Collection<UInt8>) -> Reaction {
        var reaction = Reaction()
        for byte in bytes {
            if phase == .closed { break }
            let afterCR = previousByte == 0x0D
            previousByte = byte
            if byte == 0x0A && (afterCR || !isReadingData) {
                var line = buffer
                if line.last == 0x0D { line.removeLast() }
                let overlong = discardingOverlongLine
                buffer.removeAll(keepingCapacity: true)
                discardingOverlongLine = false
                handle(line: line, overlong: overlong, into: &reaction)
                continue
            }
            if discardingOverlongLine { continue }
            buffer.append(byte)
            if buffer.count >= limits.maxDataLineLength {
                discardingOverlongLine = true
                buffer.removeAll(keepingCapacity: true)
            }
        }
        return reaction
    }

    private mutating func handle(line: [UInt8], overlong: Bool, into reaction: inout Reaction) {
        if case .data(let from, let recipients) = phase {
            receiveData(line: line, overlong: overlong, from: from, recipients: recipients, into: &reaction)
            return
        }
        if overlong || line.count + 2 > limits.maxCommandLineLength {
            reaction.replies.append("500 5.5.2 Line too long (the limit is \(limits.maxCommandLineLength) octets)")
            return
        }
        let text = String(decoding: line, as: UTF8.self)
        if phase == .authenticating {
            phase = .greeted
            reaction.replies.append(checkPlain(text))
            return
        }
        reaction.replies.append(contentsOf: command(text, close: &reaction.close))
        if reaction.close { phase = .closed }
    }

    private mutating func command(_ text: String, close: inout Bool) -> [String] {
        let verb = text.prefix { $0 != " " && $0 != ":" }.uppercased()
        let argument = text.dropFirst(verb.count).trimmingCharacters(in: .whitespaces)
        switch verb {
        case "EHLO", "HELO":
            guard !argument.isEmpty else { return ["501 5.5.4 \(verb) needs a domain"] }
            phase = .greeted
            guard verb == "EHLO" else { return ["250 \(serverName)"] }
            var lines = ["\(serverName) greets \(argument)", "SIZE \(messageSizeLimit)", "8BITMIME", "PIPELINING"]
            if credentials != nil { lines.append("AUTH PLAIN") }
            lines.append("HELP")
            return lines.enumerated().map { "250\($0.offset == lines.count - 1 ? " " : "-")\($0.element)" }
        case "MAIL": return mail(argument)
        case "RCPT": return recipient(argument)
        case "DATA":
            guard case .mail(let from, let recipients) = phase else { return ["503 5.5.1 DATA needs MAIL FROM first"] }
            guard !recipients.isEmpty else { return ["503 5.5.1 DATA needs at least one RCPT TO"] }
            phase = .data(from: from, recipients: recipients)
            data = []
            dataTooLarge = false
            dataLineTooLong = false
            return ["354 End data with <CR><LF>.<CR><LF>"]
        case "AUTH": return authenticate(argument)
        case "RSET":
            if phase != .connected { phase = .greeted }
            return ["250 2.0.0 OK"]
        case "NOOP": return ["250 2.0.0 OK"]
        case "VRFY": return ["252 2.1.5 Cannot VRFY user, but will accept message"]
        case "HELP": return ["214 2.0.0 EHLO HELO MAIL RCPT DATA RSET NOOP QUIT AUTH VRFY HELP"]
        case "QUIT":
            close = true
            return ["221 2.0.0 \(serverName) closing connection"]
        case "STARTTLS": return ["502 5.5.1 STARTTLS is not offered by the sandbox sink"]
        default: return ["500 5.5.1 Command unrecognized: \(verb.prefix(20))"]
        }
    }

    private mutating func mail(_ argument: String) -> [String] {
        guard phase != .connected else { return ["503 5.5.1 Send EHLO or HELO first"] }
        guard case .greeted = phase else { return ["503 5.5.1 Nested MAIL command"] }
        if credentials != nil && !authenticated { return ["530 5.7.0 Authentication required"] }
        guard let (path, parameters) = Self.path(after: "FROM:", in: argument) else {
            return ["501 5.5.4 Syntax: MAIL FROM:<address>"]
        }
        for parameter in parameters where parameter.uppercased().hasPrefix("SIZE=") {
            do throws(NumberInputError) {
                _ = try NumberInput("SIZE", 0...messageSizeLimit).parse(parameter.dropFirst(5))
            } catch {
                guard case .aboveRange = error else { return ["501 5.5.4 Syntax error in SIZE parameter (RFC 1870: digits only)"] }
                return ["552 5.3.4 Message size exceeds fixed maximum message size (\(messageSizeLimit) octets)"]
            }
        }
        phase = .mail(from: path, recipients: [])
        return ["250 2.1.0 OK"]
    }

    private mutating func recipient(_ argument: String) -> [String] {
        guard case .mail(let from, var recipients) = phase else { return ["503 5.5.1 RCPT TO needs MAIL FROM first"] }
        guard let (path, _) = Self.path(after: "TO:", in: argument), !path.isEmpty else {
            return ["501 5.5.4 Syntax: RCPT TO:<address>"]
        }
        guard recipients.count < limits.maxRecipients else {
            return ["452 4.5.3 Too many recipients (the limit is \(limits.maxRecipients))"]
        }
        recipients.append(path)
        phase = .mail(from: from, recipients: recipients)
        return ["250 2.1.5 OK"]
    }

    private mutating func authenticate(_ argument: String) -> [String] {
        guard credentials != nil else { return ["502 5.5.1 AUTH is not offered"] }
        guard phase != .connected else { return ["503 5.5.1 Send EHLO first"] }
        guard phase == .greeted else { return ["503 5.5.1 AUTH is not permitted during a mail transaction"] }
        guard !authenticated else { return ["503 5.5.1 Already authenticated"] }
        let parts = argument.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.first?.uppercased() == "PLAIN" else { return ["504 5.5.4 Only AUTH PLAIN is offered"] }
        if parts.count == 2 { return [checkPlain(parts[1])] }
        phase = .authenticating
        return ["334 "]
    }

    /// Checks an AUTH PLAIN response: base64 of `authzid \0 user \0 password`.
    private mutating func checkPlain(_ response: String) -> String {
        if response == "*" { return "501 5.7.0 Authentication cancelled" }
        guard let decoded = Data(base64Encoded: response) else { return "501 5.5.2 Cannot decode the AUTH response" }
        let fields = decoded.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard fields.count == 3, let credentials, fields[1] == credentials.username, fields[2] == credentials.password else {
            return "535 5.7.8 Authentication credentials invalid"
        }
        authenticated = true
        return "235 2.7.0 Authentication successful"
    }

    private mutating func receiveData(line: [UInt8], overlong: Bool, from: String, recipients: [String], into reaction: inout Reaction) {
        if !overlong && line == [UInt8(ascii: ".")] {
            phase = .greeted
            if dataLineTooLong {
                reaction.replies.append("500 5.5.2 Line too long (the limit is \(limits.maxDataLineLength) octets per line)")
            } else if dataTooLarge {
                reaction.replies.append("552 5.3.4 Message size exceeds fixed maximum message size (\(messageSizeLimit) octets)")
            } else {
                reaction.delivered.append(ReceivedMail(from: from, recipients: recipients, data: data))
                reaction.replies.append("250 2.0.0 OK: queued")
            }
            data = []
            return
        }
        if overlong { dataLineTooLong = true }
        if dataTooLarge || dataLineTooLong { return }
        let text = line.first == UInt8(ascii: ".") ? line.dropFirst() : line[...]
        if data.count + text.count + 2 > messageSizeLimit {
            dataTooLarge = true
            data = []
            return
        }
        data += text
        data += [0x0D, 0x0A]
    }

    /// `FROM:<a@b> SIZE=1` → ("a@b", ["SIZE=1"]); `nil` when the syntax is wrong.
    static func path(after keyword: String, in argument: String) -> (String, [Substring])? {
        guard argument.uppercased().hasPrefix(keyword) else { return nil }
        let rest = argument.dropFirst(keyword.count).drop { $0 == " " }
        guard rest.first == "<", let close = rest.firstIndex(of: ">") else { return nil }
        let path = String(rest[rest.index(after: rest.startIndex)..<close])
        let parameters = rest[rest.index(after: close)...].split(separator: " ")
        return (path, parameters)
    }
}
