// The SMTP sink's session (RFC 5321 state machine): any byte stream gives replies, never a
// trap; every reply is a 3-digit code; feeding it in pieces gives the same replies and
// messages as feeding it whole; no delivered message is over the size limit.
import FuzzSupport
@testable import RecipeSandbox

private let limits: SMTPSinkLimits = {
    var limits = SMTPSinkLimits()
    limits.maxCommandLineLength = 64
    limits.maxDataLineLength = 128
    limits.maxMessageSize = 1024
    limits.maxRecipients = 4
    return limits
}()

private func converse(_ chunks: [ArraySlice<UInt8>], credentials: SMTPSinkCredentials?) -> SMTPServerSession.Reaction {
    var session = SMTPServerSession(serverName: "sink.test", limits: limits, credentials: credentials)
    var all = SMTPServerSession.Reaction()
    for chunk in chunks {
        let reaction = session.receive(chunk)
        all.replies += reaction.replies
        all.delivered += reaction.delivered
        all.close = all.close || reaction.close
    }
    return all
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    guard let seed = bytes.first else { return 0 }
    let stream = Array(bytes.dropFirst())
    // The low bit of the seed: whether the sink requires AUTH PLAIN (user "u", password "p").
    let credentials = seed & 1 == 1 ? SMTPSinkCredentials(username: "u", password: "p") : nil
    let whole = converse([stream[...]], credentials: credentials)
    let split = converse(pieces(stream, seed: seed >> 1), credentials: credentials)
    require(whole == split, "pieces gave another conversation")
    for reply in whole.replies {
        let code = reply.utf8.prefix(3)
        require(code.count == 3 && code.allSatisfy { (0x30...0x39).contains($0) }, "reply without a code: \(reply)")
    }
    for mail in whole.delivered {
        require(mail.data.count <= limits.maxMessageSize, "a delivered message of \(mail.data.count) bytes")
    }
    return 0
}
