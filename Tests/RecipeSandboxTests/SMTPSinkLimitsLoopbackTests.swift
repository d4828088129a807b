import Foundation
import RecipeData
import RecipeHTTP
import RecipeHTTPCore
import Testing

@testable import RecipeSandbox

/// Issue 7 §4 over real SMTP and HTTP on 127.0.0.1: a bare "\n.\n" does not end the data (no
/// smuggled second message), `SIZE=2^70` is refused and the sink goes on, and the mail store is
/// bounded in bytes with a paged `GET /_sandbox/mail`.
@Suite(.serialized)
struct SMTPSinkLimitsLoopbackTests {
    /// One conversation written whole (the sink offers PIPELINING); the replies until close.
    static func converse(_ server: SandboxServer, _ text: String) throws -> String {
        let connection = try TCPConnection.connect(host: "127.0.0.1", port: server.smtpPort, timeout: 5)
        defer { connection.close() }
        try connection.write(text)
        return String(decoding: try connection.readToEnd(), as: UTF8.self)
    }

    static func mail(_ server: SandboxServer, after: Int? = nil) async throws -> (Int, JSONValue) {
        try await DropFaultTests.fetch(server.baseURL + "/_sandbox/mail" + (after.map { "?after=\($0)" } ?? ""))
    }

    @Test func aBareLFDotLFDoesNotEndTheDataOrSmuggleASecondMessage() async throws {
        let server = try SMTPSinkLoopbackTests.server()
        let replies = try Self.converse(
            server,
            "EHLO c\r\nMAIL FROM:<engine@example.com>\r\nRCPT TO:<ops@example.com>\r\nDATA\r\nSubject: real\r\n\r\nhello\n.\n"
                + "MAIL FROM:<evil@example.com>\nRCPT TO:<victim@example.com>\nDATA\nSubject: smuggled\n\nboo\n.\n"
                + "\r\n.\r\nQUIT\r\n")
        #expect(replies.contains("250 2.0.0 OK: queued"))
        let (status, body) = try await Self.mail(server)
        #expect(status == 200)
        let messages = try #require(body["messages"]?.arrayValue)
        #expect(messages.count == 1)
        #expect(messages.first?["from"] == "engine@example.com")
        #expect(messages.first?["subject"] == "real")
        await server.shutdown()
    }

    @Test func aHugeDeclaredSizeIsRefusedAndTheSinkGoesOn() async throws {
        let server = try SMTPSinkLoopbackTests.server()
        let replies = try Self.converse(
            server,
            "EHLO c\r\nMAIL FROM:<a@example.com> SIZE=1180591620717411303424\r\nMAIL FROM:<a@example.com> SIZE=1000\r\n"
                + "RCPT TO:<ops@example.com>\r\nDATA\r\nSubject: after\r\n\r\nok\r\n.\r\nQUIT\r\n")
        #expect(replies.contains("552 5.3.4"))
        #expect(replies.contains("250 2.0.0 OK: queued"))
        #expect(try await Self.mail(server).1["messages"]?.arrayValue?.count == 1)
        await server.shutdown()
    }

    /// A message of exactly 1,000 bytes of data: a 14-byte header and 986 bytes of body.
    static func thousandBytes(_ number: Int) -> String {
        "MAIL FROM:<a@example.com>\r\nRCPT TO:<ops@example.com>\r\nDATA\r\nSubject: \(number)\r\n\r\n"
            + String(repeating: String(repeating: "x", count: 98) + "\r\n", count: 9) + String(repeating: "x", count: 84) + "\r\n.\r\n"
    }

    /// Three 1,000-byte messages: a 3,000-byte store keeps them all, 2,999 drops the oldest.
    @Test(arguments: [(3_000, [1, 2, 3]), (2_999, [2, 3])])
    func theStoreIsBoundedInBytes(budget: Int, kept: [Int]) async throws {
        let server = try SMTPSinkLoopbackTests.server { $0.smtp.maxStoredBytes = budget }
        _ = try Self.converse(server, "EHLO c\r\n" + (1...3).map(Self.thousandBytes).joined() + "QUIT\r\n")
        #expect(server.sandbox.mailbox.entries.map(\.mail.data.count) == kept.map { _ in 1_000 })
        let (_, body) = try await Self.mail(server)
        #expect(body["messages"]?.arrayValue?.compactMap { $0["id"]?.intValue } == kept)
        #expect(server.sandbox.mailbox.storedBytes <= budget)
        await server.shutdown()
    }

    /// Pages of at most 2,000 bytes of message data, each naming the next.
    @Test func theListingIsPagedByBytes() async throws {
        let server = try SMTPSinkLoopbackTests.server { $0.smtp.maxListedBytes = 2_000 }
        _ = try Self.converse(server, "EHLO c\r\n" + (1...3).map(Self.thousandBytes).joined() + "QUIT\r\n")
        let (_, first) = try await Self.mail(server)
        #expect(first["messages"]?.arrayValue?.compactMap { $0["id"]?.intValue } == [1, 2])
        #expect(first["next"] == "/_sandbox/mail?after=2")
        let (_, second) = try await Self.mail(server, after: 2)
        #expect(second["messages"]?.arrayValue?.compactMap { $0["id"]?.intValue } == [3])
        #expect(second["next"] == .null)
        #expect(try await DropFaultTests.fetch(server.baseURL + "/_sandbox/mail?after=-1").0 == 400)
        #expect(try await DropFaultTests.fetch(server.baseURL + "/_sandbox/mail?after=9223372036854775807").0 == 200)
        await server.shutdown()
    }
}
