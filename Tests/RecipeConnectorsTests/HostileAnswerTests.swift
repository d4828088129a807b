import Foundation
import RecipeConnectors
import RecipeHTTPCore
import RecipeTestSupport
import Testing

/// What URLSessionClient does with answers a vendor (or something pretending to be one) should
/// never send: bad status lines, bodies past the size limit, redirects to another origin.
struct HostileAnswerTests {
    static let statusLines = [
        "GARBAGE\r\n\r\n", "HTTP/1.1 99999 Odd\r\nContent-Length: 0\r\n\r\n", "HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 -5 Minus\r\nContent-Length: 0\r\n\r\n", "HTTP/7.0 200 OK\r\nContent-Length: 0\r\n\r\n",
    ]

    /// Reported as what it is, not as "invalid URL" (the URL was fine).
    @Test(arguments: statusLines)
    func aGarbageStatusLineIsAMalformedResponse(_ answer: String) async throws {
        let peer = try RawHTTPPeer(answering: answer)
        do {
            let response = try await URLSessionClient().send(ClientRequest(method: .get, url: peer.baseURL + "/x"))
            Issue.record("got \(response.status)")
        } catch {
            #expect(error.kind == .malformedResponse)
            #expect(error.message.hasPrefix("the answer is not valid HTTP ("))
            #expect(!error.message.contains("URLError -1002"))
        }
    }

    @Test func aTruncatedBodyIsAMalformedResponseOrANetworkFailure() async throws {
        let peer = try RawHTTPPeer(answering: "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab")
        await #expect(throws: TransportError.self) {
            _ = try await URLSessionClient().send(ClientRequest(method: .get, url: peer.baseURL + "/x"))
        }
    }

    static let limit = 64 * 1024

    /// Writes `size` body bytes, announced by Content-Length or chunked.
    static func body(size: Int, chunked: Bool) throws -> RawHTTPPeer {
        try RawHTTPPeer { _, connection in
            let block = [UInt8](repeating: UInt8(ascii: "a"), count: 8192)
            if chunked {
                try connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n")
            } else {
                try connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: \(size)\r\n\r\n")
            }
            var left = size
            while left > 0 {
                let part = Array(block.prefix(left))
                if chunked { try connection.write(String(part.count, radix: 16) + "\r\n") }
                try connection.write(part)
                if chunked { try connection.write("\r\n") }
                left -= part.count
            }
            if chunked { try connection.write("0\r\n\r\n") }
        }
    }

    @Test(arguments: [false, true])
    func aBodyAtTheLimitIsRead(chunked: Bool) async throws {
        let peer = try Self.body(size: Self.limit, chunked: chunked)
        let response = try await URLSessionClient(maxResponseBytes: Self.limit).send(ClientRequest(method: .get, url: peer.baseURL))
        #expect(response.body.count == Self.limit)
    }

    @Test(arguments: [false, true])
    func aBodyPastTheLimitStopsTheTransfer(chunked: Bool) async throws {
        let peer = try Self.body(size: Self.limit + 1, chunked: chunked)
        do {
            _ = try await URLSessionClient(maxResponseBytes: Self.limit).send(ClientRequest(method: .get, url: peer.baseURL))
            Issue.record("read past the limit")
        } catch {
            #expect(error.kind == .responseTooLarge)
            #expect(error.message.contains("than the \(Self.limit) bytes this client reads"))
        }
    }

    /// 200 MB announced: refused from the header, before any of it is read.
    @Test func aHugeAnnouncedBodyIsRefusedAtOnce() async throws {
        let peer = try RawHTTPPeer(answering: "HTTP/1.1 200 OK\r\nContent-Length: 200000000\r\n\r\n{")
        do {
            _ = try await URLSessionClient(maxResponseBytes: Self.limit).send(ClientRequest(method: .get, url: peer.baseURL))
            Issue.record("accepted")
        } catch {
            #expect(error.kind == .responseTooLarge)
            #expect(error.message.contains("announces 200000000 bytes"))
        }
    }

    /// A 307 to another host would carry our Authorization there: it is returned, not followed.
    @Test func aRedirectToAnotherOriginIsNotFollowed() async throws {
        let elsewhere = try RawHTTPPeer(answering: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")
        let vendor = try RawHTTPPeer(answering: "HTTP/1.1 307 Temporary Redirect\r\nLocation: \(elsewhere.baseURL)/steal\r\nContent-Length: 0\r\n\r\n")
        var headers = HTTPHeaders()
        headers.set("Authorization", "Basic c2VjcmV0OnNlY3JldA==")
        let response = try await URLSessionClient().send(ClientRequest(method: .get, url: vendor.baseURL + "/v1/x", headers: headers))
        #expect(response.status == 307)
        #expect(response.headers["Location"] == elsewhere.baseURL + "/steal")
        #expect(elsewhere.requests.isEmpty)
    }

    @Test func aSameOriginRedirectIsFollowed() async throws {
        let vendor = try RawHTTPPeer { head, connection in
            if head.hasPrefix("GET /old ") {
                try connection.write("HTTP/1.1 307 Temporary Redirect\r\nLocation: /new\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            } else {
                try connection.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
            }
        }
        let response = try await URLSessionClient().send(ClientRequest(method: .get, url: vendor.baseURL + "/old"))
        #expect(response.status == 200)
        #expect(vendor.requests.map { $0.split(separator: " ").prefix(2).joined(separator: " ") } == ["GET /old", "GET /new"])
    }

    @Test func redirectLoopsStopAtTheLimit() async throws {
        let vendor = try RawHTTPPeer { _, connection in
            try connection.write("HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        }
        let response = try await URLSessionClient().send(ClientRequest(method: .get, url: vendor.baseURL + "/start"))
        #expect(response.status == 302)
        #expect(vendor.requests.count == URLSessionClient.maxRedirects + 1)
    }
}
