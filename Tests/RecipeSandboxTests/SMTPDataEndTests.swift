import Foundation
import Testing

@testable import RecipeSandbox

/// Issue 7 §4, without sockets: only CRLF "." CRLF ends the data (RFC 5321 §4.1.1.4, §2.3.8),
/// `SIZE=` is read through `NumberInput` (RFC 1870), and the mailbox is bounded in bytes.
struct SMTPDataEndTests {
    static let envelope = "EHLO c\r\nMAIL FROM:<a@b>\r\nRCPT TO:<x@y>\r\nDATA\r\n"

    /// The data sent after DATA, then what was stored (each message's data) and the last reply.
    @Test(arguments: [
        ("one\r\n.\r\n", ["one\r\n"]),
        ("one\n.\nMAIL FROM:<evil@x>\nRCPT TO:<x@y>\nDATA\nsmuggled\n.\n", []),
        ("one\n.\nMAIL FROM:<evil@x>\r\nRCPT TO:<x@y>\r\nDATA\r\nsmuggled\r\n.\r\n",
         ["one\n.\nMAIL FROM:<evil@x>\r\nRCPT TO:<x@y>\r\nDATA\r\nsmuggled\r\n"]),
        ("one\r\n.\nsmuggled\r\n.\r\n", ["one\r\n\nsmuggled\r\n"]),  // the leading dot is unstuffed
        ("one\n.\r\n", []),
        ("one\r.\r\n", []),
        ("one\r\n..\r\n.\r\n", ["one\r\n.\r\n"]),
    ])
    func onlyCRLFDotCRLFEndsTheData(data: String, stored: [String]) {
        var session = SMTPServerSessionTests.session()
        let reaction = session.receive(Array((Self.envelope + data).utf8))
        #expect(reaction.delivered.map { String(decoding: $0.data, as: UTF8.self) } == stored)
        #expect(reaction.delivered.allSatisfy { $0.from == "a@b" })
    }

    @Test(arguments: [
        ("SIZE=0", "250"), ("SIZE=1000", "250"), ("SIZE=001000", "250"),
        ("SIZE=1001", "552"), ("SIZE=9223372036854775807", "552"), ("SIZE=1180591620717411303424", "552"),
        ("SIZE=-5", "501"), ("SIZE=abc", "501"), ("SIZE=", "501"), ("SIZE=+5", "501"), ("size=1001", "552"),
    ])
    func declaredSizeIsReadThroughTheCheckedReader(parameter: String, code: String) {
        var session = SMTPServerSessionTests.session { $0.maxMessageSize = 1_000 }
        #expect(SMTPServerSessionTests.codes(["HELO c", "MAIL FROM:<a@b> \(parameter)"], &session) == ["250", code])
    }

    /// A store smaller than the message size limit lowers it: an accepted message always fits.
    @Test(arguments: [(40, "250", 1), (39, "552", 0)])
    func theStoreBoundsTheMessageSize(storedBytes: Int, code: String, delivered: Int) {
        var session = SMTPServerSessionTests.session { $0.maxStoredBytes = storedBytes }
        let ehlo = session.receive(Array("EHLO c\r\n".utf8)).replies
        #expect(ehlo.contains("250-SIZE \(storedBytes)"))
        // Four 8-byte lines are 40 octets with their CRLFs.
        let reaction = session.receive(Array("MAIL FROM:<a@b>\r\nRCPT TO:<x@y>\r\nDATA\r\n\(String(repeating: "12345678\r\n", count: 4)).\r\n".utf8))
        #expect(reaction.replies.last?.hasPrefix(code) == true)
        #expect(reaction.delivered.count == delivered)
    }

    static func mail(_ size: Int) -> ReceivedMail {
        ReceivedMail(from: "a@b", recipients: ["c@d"], data: Array(repeating: UInt8(ascii: "x"), count: size))
    }

    /// 100-byte messages into a 300-byte store: three fit exactly; one byte more and the oldest goes.
    @Test(arguments: [([100, 100, 100], [1, 2, 3]), ([100, 100, 101], [2, 3]), ([100, 100, 100, 100], [2, 3, 4]), ([300], [1]), ([1, 300], [2])])
    func theMailboxIsBoundedInBytes(sizes: [Int], kept: [Int]) {
        let mailbox = Mailbox(capacity: 1_000, byteBudget: 300, clock: { Date(timeIntervalSince1970: 0) })
        for size in sizes { mailbox.deliver(Self.mail(size)) }
        #expect(mailbox.entries.map(\.id) == kept)
        #expect(mailbox.storedBytes <= 300)
        #expect(mailbox.storedBytes == mailbox.entries.map(\.mail.data.count).reduce(0, +))
        mailbox.clear()
        #expect(mailbox.storedBytes == 0)
    }

    /// Pages hold up to `maxBytes` of message data (at least one message) and say where to go on.
    @Test(arguments: [
        (0, 200, [1, 2], 2), (0, 199, [1], 1), (2, 200, [3], nil), (0, 50, [1], 1), (3, 200, [], nil),
    ] as [(Int, Int, [Int], Int?)])
    func listingIsPagedByBytes(after: Int, maxBytes: Int, ids: [Int], next: Int?) {
        let mailbox = Mailbox(capacity: 10, byteBudget: 1_000, clock: { Date(timeIntervalSince1970: 0) })
        for _ in 1...3 { mailbox.deliver(Self.mail(100)) }
        let page = mailbox.page(after: after, maxBytes: maxBytes)
        #expect(page.entries.map(\.id) == ids)
        #expect(page.continueAfter == next)
    }
}
