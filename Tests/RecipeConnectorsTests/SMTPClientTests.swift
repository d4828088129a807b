import Foundation
import RecipeConnectors
import Testing

/// A relay that answers from a script and records what the client sent.
final class ScriptedRelay: SMTPTransport {
    private var replies: [String]
    private(set) var sent = ""
    private(set) var closed = false

    init(_ replies: [String]) { self.replies = replies }

    func send(_ bytes: [UInt8]) throws { sent += String(decoding: bytes, as: UTF8.self) }

    func receiveLine() throws -> String {
        guard !replies.isEmpty else { throw SMTPError(code: 0, message: "connection closed", command: "read") }
        return replies.removeFirst()
    }

    func close() { closed = true }

    var commands: [String] {
        sent.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }
}

struct SMTPClientTests {
    static let message = MailMessage(
        from: "engine@example.com", to: ["ops@example.com"], subject: "hibob-docebo/capture failed",
        body: "Job 1 failed.\n.hidden line\nend", date: Date(timeIntervalSince1970: 1_795_000_000), messageID: "<m1@x>")

    static let happyReplies = [
        "220 relay ready", "250-relay hello", "250-AUTH LOGIN PLAIN", "250 SIZE 1000000", "235 ok", "250 sender ok",
        "250 recipient ok", "354 go ahead", "250 queued", "221 bye",
    ]

    @Test func sendsTheWholeConversationWithAuthAndDotStuffing() throws {
        let relay = ScriptedRelay(Self.happyReplies)
        let client = SMTPClient(clientName: "engine.test", credentials: .init(username: "user", password: "s3cret"))
        try client.send(Self.message, over: relay)
        let token = Data("\u{0}user\u{0}s3cret".utf8).base64EncodedString()
        #expect(Array(relay.commands.prefix(5)) == [
            "EHLO engine.test", "AUTH PLAIN \(token)", "MAIL FROM:<engine@example.com>", "RCPT TO:<ops@example.com>", "DATA",
        ])
        #expect(relay.sent.contains("\r\nSubject: hibob-docebo/capture failed\r\n"))
        #expect(relay.sent.contains("\r\n\r\nJob 1 failed.\r\n..hidden line\r\nend\r\n.\r\nQUIT\r\n"))
        #expect(relay.sent.contains("Date: Wed, 18 Nov 2026 11:06:40 +0000\r\n"))
        #expect(relay.closed)
    }

    @Test func fallsBackToHELOWithoutAuth() throws {
        let relay = ScriptedRelay(["220 hi", "502 no EHLO", "250 hello", "250 ok", "250 ok", "354 go", "250 ok", "221 bye"])
        try SMTPClient(clientName: "e").send(Self.message, over: relay)
        #expect(relay.commands.prefix(2) == ["EHLO e", "HELO e"])
    }

    @Test(arguments: [
        (["220 hi", "250 hello", "250 ok", "450 mailbox busy"], 450, "RCPT TO", true),
        (["220 hi", "250 hello", "550 sender rejected"], 550, "MAIL FROM", false),
        (["554 go away"], 554, "greeting", false),
        (["220 hi", "250 hello", "250 ok", "250 ok", "354 go"], 0, "end of data", true),
        (["garbage"], 0, "greeting", true),
    ])
    func failuresNameTheCommandAndWhetherToRetry(_ replies: [String], _ code: Int, _ command: String, _ transient: Bool) {
        let relay = ScriptedRelay(replies)
        do {
            try SMTPClient().send(Self.message, over: relay)
            Issue.record("sent despite \(replies)")
        } catch {
            #expect(error.code == code)
            #expect(error.command == command)
            #expect(error.isTransient == transient)
        }
        #expect(relay.closed)
    }

    @Test func authIsRefusedWhenTheRelayDoesNotOfferPlainAndThePasswordNeverAppears() {
        let relay = ScriptedRelay(["220 hi", "250-hello", "250 AUTH LOGIN"])
        do {
            try SMTPClient(credentials: .init(username: "u", password: "hunter2")).send(Self.message, over: relay)
            Issue.record("sent without AUTH PLAIN")
        } catch {
            #expect(error.description == "AUTH: the relay does not offer AUTH PLAIN")
            #expect(!error.description.contains("hunter2"))
        }
        #expect(!relay.sent.contains("AUTH"))
    }

    @Test func nonASCIISubjectsAreEncodedWords() {
        var message = Self.message
        message.subject = "Échec de la synchronisation"
        let text = String(decoding: message.dataSection(), as: UTF8.self)
        #expect(text.contains("Subject: =?utf-8?B?\(Data("Échec de la synchronisation".utf8).base64EncodedString())?=\r\n"))
    }
}
