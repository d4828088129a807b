import Foundation
import Synchronization
import Testing

@testable import RecipeSandbox

/// The SMTP sink's conversation rules, without sockets: lines in, replies out.
struct SMTPServerSessionTests {
    static func session(_ adjust: (inout SMTPSinkLimits) -> Void = { _ in }, credentials: SMTPSinkCredentials? = nil) -> SMTPServerSession {
        var limits = SMTPSinkLimits()
        adjust(&limits)
        return SMTPServerSession(serverName: "sink.test", limits: limits, credentials: credentials)
    }

    /// Sends each line (CRLF added) and returns the reply codes, one string per line sent.
    static func codes(_ lines: [String], _ session: inout SMTPServerSession) -> [String] {
        lines.map { line in
            session.receive(Array((line + "\r\n").utf8)).replies.map { String($0.prefix(3)) }.joined(separator: ",")
        }
    }

    static let conversation = [
        "EHLO client.test", "MAIL FROM:<engine@example.com>", "RCPT TO:<ops@example.com>", "DATA",
        "Subject: Job failed", "", "line one", "..leading dot", ".", "QUIT",
    ]

    @Test func aWholeConversationDeliversOneMessageUnstuffed() {
        var session = Self.session()
        var all = SMTPServerSession.Reaction()
        for line in Self.conversation {
            let reaction = session.receive(Array((line + "\r\n").utf8))
            all.replies += reaction.replies
            all.delivered += reaction.delivered
            all.close = all.close || reaction.close
        }
        #expect(all.replies.first == "250-sink.test greets client.test")
        #expect(all.replies.contains("250-SIZE 10485760"))
        #expect(!all.replies.contains { $0.contains("AUTH") })
        #expect(all.replies.suffix(5).map { String($0.prefix(3)) } == ["250", "250", "354", "250", "221"])
        #expect(all.delivered == [ReceivedMail(from: "engine@example.com", recipients: ["ops@example.com"], data: Array("Subject: Job failed\r\n\r\nline one\r\n.leading dot\r\n".utf8))])
        #expect(all.delivered.first?.subject == "Job failed")
        #expect(all.delivered.first?.body == "line one\r\n.leading dot\r\n")
        #expect(all.close)
        #expect(session.isClosed)
    }

    /// Pipelined in one write, or split into single bytes: the same replies and message.
    @Test(arguments: [0, 1, 7])
    func chunkingDoesNotMatter(chunkSize: Int) {
        let bytes = Array(Self.conversation.map { $0 + "\r\n" }.joined().utf8)
        var reference = Self.session()
        let whole = reference.receive(bytes)
        var session = Self.session()
        var replies: [String] = []
        var delivered: [ReceivedMail] = []
        let size = chunkSize == 0 ? bytes.count : chunkSize
        for start in stride(from: 0, to: bytes.count, by: size) {
            let reaction = session.receive(bytes[start..<min(start + size, bytes.count)])
            replies += reaction.replies
            delivered += reaction.delivered
        }
        #expect(replies == whole.replies)
        #expect(delivered == whole.delivered)
        #expect(whole.replies.count == 10)  // 5 EHLO lines, MAIL, RCPT, DATA, end of data, QUIT
        #expect(whole.delivered.count == 1)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [String]
        let codes: [String]
        var testDescription: String { name }
    }

    static let sequenceCases: [Case] = [
        Case(name: "MAIL before EHLO", lines: ["MAIL FROM:<a@b>"], codes: ["503"]),
        Case(name: "RCPT before MAIL", lines: ["HELO c", "RCPT TO:<a@b>"], codes: ["250", "503"]),
        Case(name: "DATA without RCPT", lines: ["HELO c", "MAIL FROM:<a@b>", "DATA"], codes: ["250", "250", "503"]),
        Case(name: "nested MAIL", lines: ["HELO c", "MAIL FROM:<a@b>", "MAIL FROM:<a@b>"], codes: ["250", "250", "503"]),
        Case(name: "RSET ends the transaction", lines: ["HELO c", "MAIL FROM:<a@b>", "RSET", "RCPT TO:<x@y>"], codes: ["250", "250", "250", "503"]),
        Case(name: "EHLO ends the transaction", lines: ["HELO c", "MAIL FROM:<a@b>", "HELO c", "MAIL FROM:<a@b>"], codes: ["250", "250", "250", "250"]),
        Case(name: "null sender is allowed", lines: ["HELO c", "MAIL FROM:<>", "RCPT TO:<x@y>"], codes: ["250", "250", "250"]),
        Case(name: "empty recipient is not", lines: ["HELO c", "MAIL FROM:<>", "RCPT TO:<>"], codes: ["250", "250", "501"]),
        Case(name: "syntax errors", lines: ["EHLO", "HELO c", "MAIL FROM:a@b", "MAIL TO:<a@b>", "MAIL FROM: <a@b>"], codes: ["501", "250", "501", "501", "250"]),
        Case(name: "lower-case verbs", lines: ["ehlo c", "mail from:<a@b>", "rcpt to:<x@y>"], codes: ["250,250,250,250,250", "250", "250"]),
        Case(name: "other commands", lines: ["NOOP", "VRFY a", "HELP", "STARTTLS", "XYZZY", "AUTH PLAIN AGFiAGM="], codes: ["250", "252", "214", "502", "500", "502"]),
    ]

    @Test(arguments: sequenceCases)
    func commandsAreCheckedInOrder(_ row: Case) {
        var session = Self.session()
        #expect(Self.codes(row.lines, &session) == row.codes)
    }

    static let authCases: [Case] = [
        Case(name: "MAIL needs AUTH", lines: ["EHLO c", "MAIL FROM:<a@b>"], codes: ["250,250,250,250,250,250", "530"]),
        Case(name: "right password", lines: ["HELO c", "AUTH PLAIN \(plain("ops", "s3cret"))", "MAIL FROM:<a@b>"], codes: ["250", "235", "250"]),
        Case(name: "wrong password", lines: ["HELO c", "AUTH PLAIN \(plain("ops", "nope"))", "MAIL FROM:<a@b>"], codes: ["250", "535", "530"]),
        Case(name: "continuation", lines: ["HELO c", "AUTH PLAIN", plain("ops", "s3cret"), "MAIL FROM:<a@b>"], codes: ["250", "334", "235", "250"]),
        Case(name: "cancelled", lines: ["HELO c", "AUTH PLAIN", "*"], codes: ["250", "334", "501"]),
        Case(name: "not base64", lines: ["HELO c", "AUTH PLAIN !!"], codes: ["250", "501"]),
        Case(name: "other mechanism", lines: ["HELO c", "AUTH LOGIN"], codes: ["250", "504"]),
        Case(
            name: "not inside a transaction",
            lines: ["HELO c", "AUTH PLAIN \(plain("ops", "s3cret"))", "MAIL FROM:<a@b>", "AUTH PLAIN \(plain("ops", "s3cret"))", "RCPT TO:<x@y>"],
            codes: ["250", "235", "250", "503", "250"]),
        Case(name: "twice", lines: ["HELO c", "AUTH PLAIN \(plain("ops", "s3cret"))", "AUTH PLAIN \(plain("ops", "s3cret"))"], codes: ["250", "235", "503"]),
    ]

    static func plain(_ user: String, _ password: String) -> String {
        Data([0] + Array(user.utf8) + [0] + Array(password.utf8)).base64EncodedString()
    }

    @Test(arguments: authCases)
    func authPlainIsRequiredWhenCredentialsAreSet(_ row: Case) {
        var session = Self.session(credentials: SMTPSinkCredentials(username: "ops", password: "s3cret"))
        #expect(Self.codes(row.lines, &session) == row.codes)
    }

    @Test func ehloOffersAuthPlainOnlyWithCredentials() {
        var session = Self.session(credentials: SMTPSinkCredentials(username: "ops", password: "s3cret"))
        #expect(session.receive(Array("EHLO c\r\n".utf8)).replies.contains("250-AUTH PLAIN"))
    }

    // MARK: Limits, each on both sides

    @Test(arguments: [(510, "250"), (511, "500")])
    func commandLineLimitCountsTheCRLF(length: Int, code: String) {
        var session = Self.session()
        let line = "HELO " + String(repeating: "c", count: length - 5)
        #expect(Self.codes([line, "NOOP"], &session) == [code, "250"])
    }

    @Test(arguments: [(998, "250"), (999, "500"), (5_000, "500")])
    func dataLineLimitCountsTheCRLF(length: Int, code: String) {
        var session = Self.session()
        let codes = Self.codes(["HELO c", "MAIL FROM:<a@b>", "RCPT TO:<x@y>", "DATA", String(repeating: "x", count: length), ".", "NOOP"], &session)
        #expect(codes == ["250", "250", "250", "354", "", code, "250"])
    }

    @Test(arguments: [(100, "250"), (101, "452")])
    func recipientLimit(count: Int, code: String) {
        var session = Self.session()
        let rcpts = (1...count).map { "RCPT TO:<r\($0)@example.com>" }
        let codes = Self.codes(["HELO c", "MAIL FROM:<a@b>"] + rcpts, &session)
        #expect(codes.last == code)
        #expect(codes.dropLast().allSatisfy { $0 == "250" })
    }

    /// Five 8-byte lines are 50 octets with their CRLFs: a 50-octet limit takes them, 49 does not.
    @Test(arguments: [(50, "250", 1), (49, "552", 0)])
    func messageSizeLimit(limit: Int, code: String, delivered: Int) {
        var session = Self.session { $0.maxMessageSize = limit }
        var count = 0
        var last = ""
        for line in ["HELO c", "MAIL FROM:<a@b>", "RCPT TO:<x@y>", "DATA"] + Array(repeating: "12345678", count: 5) + ["."] {
            let reaction = session.receive(Array((line + "\r\n").utf8))
            count += reaction.delivered.count
            last = reaction.replies.last ?? last
        }
        #expect(last.hasPrefix(code))
        #expect(count == delivered)
    }

    @Test(arguments: [(1_000, "250"), (1_001, "552")])
    func declaredSizeIsCheckedAtMailFrom(size: Int, code: String) {
        var session = Self.session { $0.maxMessageSize = 1_000 }
        #expect(Self.codes(["HELO c", "MAIL FROM:<a@b> SIZE=\(size)"], &session) == ["250", code])
    }

    @Test func headersAreUnfoldedAndEncodedWordsDecoded() {
        let data = "Subject: =?utf-8?B?RmVobGVyOiDDnGJlcnRyYWd1bmc=?=\r\n =?utf-8?Q?_gescheitert?=\r\nTo: ops@example.com\r\n\r\nbody\r\n"
        let mail = ReceivedMail(from: "a@b", recipients: ["ops@example.com"], data: Array(data.utf8))
        #expect(mail.subject == "Fehler: Übertragung gescheitert")
        #expect(mail.header("to") == "ops@example.com")
        #expect(mail.body == "body\r\n")
        #expect(EncodedWords.decode("plain =?bogus?X?y?= text") == "plain =?bogus?X?y?= text")
    }

    /// Random bytes and random command soup never crash the session, and every reply is a
    /// three-digit code followed by a space or a hyphen (RFC 5321 §4.2).
    @Test(arguments: [7, 8, 9])
    func garbageGetsWellFormedReplies(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let words = ["EHLO x", "HELO", "MAIL FROM:<a@b>", "RCPT TO:<c@d>", "DATA", ".", "..", "RSET", "AUTH PLAIN", "\r\n", "\u{0}", "é"]
        var session = Self.session(credentials: random.next() % 2 == 0 ? SMTPSinkCredentials(username: "u", password: "p") : nil)
        for _ in 0..<2_000 where !session.isClosed {
            var chunk: [UInt8]
            if random.next() % 2 == 0 {
                chunk = (0..<Int(random.next() % 40)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            } else {
                chunk = Array((words[Int(random.next() % UInt64(words.count))] + "\r\n").utf8)
            }
            for reply in session.receive(chunk).replies {
                let bytes = Array(reply.utf8)
                #expect(bytes.count >= 4 && bytes[0..<3].allSatisfy { (0x30...0x39).contains($0) } && [0x20, 0x2D].contains(bytes[3]), "\(reply)")
            }
        }
    }

    @Test(arguments: [(3, [1, 2, 3]), (4, [2, 3, 4])])
    func theMailboxKeepsTheNewestUpToItsCapacity(delivered: Int, kept: [Int]) {
        let seen = Mutex<[Int]>([])
        let mailbox = Mailbox(capacity: 3, clock: { Date(timeIntervalSince1970: 0) }, onDelivery: { entry in seen.withLock { $0.append(entry.id) } })
        for index in 1...delivered {
            mailbox.deliver(ReceivedMail(from: "a@b", recipients: ["c@d"], data: Array("Subject: \(index)\r\n\r\n".utf8)))
        }
        #expect(mailbox.entries.map(\.id) == kept)
        #expect(mailbox.entries.map(\.mail.subject) == kept.map(String.init))
        #expect(seen.withLock { $0 } == Array(1...delivered))
        mailbox.clear()
        #expect(mailbox.entries.isEmpty)
    }
}
