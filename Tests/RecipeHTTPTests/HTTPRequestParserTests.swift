import Testing
@testable import RecipeHTTP
import RecipeHTTPCore

struct ValidCase: CustomTestStringConvertible, Sendable {
    let name: String
    let raw: String
    let method: String
    let target: String
    let body: String
    let keepAlive: Bool
    var testDescription: String { name }
}

struct ErrorCase: CustomTestStringConvertible, Sendable {
    let name: String
    let raw: String
    let status: Int
    var testDescription: String { name }
}

@Suite struct HTTPRequestParserTests {
    static let valid: [ValidCase] = [
        ValidCase(name: "simple GET", raw: "GET /v1/people?x=1 HTTP/1.1\r\nHost: a\r\n\r\n", method: "GET", target: "/v1/people?x=1", body: "", keepAlive: true),
        ValidCase(name: "1.1 close", raw: "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", method: "GET", target: "/", body: "", keepAlive: false),
        ValidCase(name: "1.0 default close", raw: "GET / HTTP/1.0\r\n\r\n", method: "GET", target: "/", body: "", keepAlive: false),
        ValidCase(name: "1.0 keep-alive", raw: "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", method: "GET", target: "/", body: "", keepAlive: true),
        ValidCase(name: "POST with length", raw: "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello", method: "POST", target: "/p", body: "hello", keepAlive: true),
        ValidCase(name: "identical lengths", raw: "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nContent-Length: 2, 2\r\n\r\nhi", method: "POST", target: "/p", body: "hi", keepAlive: true),
        ValidCase(name: "zero length", raw: "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n", method: "POST", target: "/p", body: "", keepAlive: true),
        ValidCase(
            name: "chunked with extensions and trailers",
            raw: "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n6 ; x\r\n world\r\n0\r\nChecksum: abc\r\nX-T: 1\r\n\r\n",
            method: "POST", target: "/c", body: "hello world", keepAlive: true),
        ValidCase(name: "chunked uppercase hex", raw: "PUT /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n", method: "PUT", target: "/c", body: "0123456789", keepAlive: true),
        ValidCase(name: "leading empty line", raw: "\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n", method: "GET", target: "/x", body: "", keepAlive: true),
        ValidCase(name: "absolute form", raw: "GET http://example.com/a/b?q=1 HTTP/1.1\r\nHost: example.com\r\n\r\n", method: "GET", target: "/a/b?q=1", body: "", keepAlive: true),
        ValidCase(name: "OPTIONS *", raw: "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", method: "OPTIONS", target: "*", body: "", keepAlive: true),
        ValidCase(name: "custom method, empty value, OWS", raw: "PURGE /x HTTP/1.1\r\nHost:a\r\nX-Empty:\r\nX-Pad: \t v \t\r\n\r\n", method: "PURGE", target: "/x", body: "", keepAlive: true),
    ]

    @Test(arguments: valid)
    func parsesValidRequest(_ example: ValidCase) throws {
        let outcome = parse(example.raw)
        #expect(outcome.error == nil)
        let request = try #require(outcome.first)
        #expect(request.method.rawValue == example.method)
        #expect(request.target == example.target)
        #expect(request.bodyText == example.body)
        #expect(outcome.requests[0].keepAlive == example.keepAlive)
        #expect(outcome.parser.isIdle)
    }

    @Test(arguments: valid)
    func parsesValidRequestFedOneByteAtATime(_ example: ValidCase) throws {
        let outcome = parse(example.raw, chunkSize: 1)
        #expect(outcome.error == nil)
        #expect(outcome.first?.bodyText == example.body)
        #expect(outcome.first?.target == example.target)
    }

    @Test func splitAtEveryBoundaryGivesTheSameRequest() throws {
        let raw = Array("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;e=1\r\nabc\r\n0\r\nT: x\r\n\r\n".utf8)
        for split in 0...raw.count {
            var parser = HTTPRequestParser()
            var requests: [HTTPRequest] = []
            for part in [Array(raw[..<split]), Array(raw[split...])] {
                parser.append(part)
                while let event = try parser.next() {
                    if case .request(let request, _) = event { requests.append(request) }
                }
            }
            #expect(requests.count == 1, "split at \(split)")
            #expect(requests.first?.bodyText == "abc", "split at \(split)")
        }
    }

    @Test func keepsHeadersInOrderAndCaseInsensitive() throws {
        let request = try #require(parse("GET / HTTP/1.1\r\nHost: a\r\nX-A: 1\r\nx-a: 2\r\n\r\n").first)
        #expect(request.headers.values(for: "X-A") == ["1", "2"])
        #expect(request.headers["HOST"] == "a")
    }

    @Test func pipelinedRequestsComeOutInOrderWithLeftoverKept() throws {
        let raw = "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nPOST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabcGET /3 HTTP/1.1\r\nHost: a\r\n\r\nGET /4 HT"
        let outcome = parse(raw)
        #expect(outcome.error == nil)
        #expect(outcome.requests.map(\.request.target) == ["/1", "/2", "/3"])
        #expect(outcome.requests[1].request.bodyText == "abc")
        #expect(outcome.parser.bufferedCount == 9)
        #expect(!outcome.parser.isIdle)
    }

    @Test func expectContinueIsSignalledBeforeTheBody() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("PUT /u HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n".utf8))
        guard case .expectContinue = try parser.next() else { Issue.record("no 100-continue"); return }
        #expect(try parser.next() == nil)
        #expect(parser.isReadingBody)
        parser.append(Array("data".utf8))
        guard case .request(let request, _) = try parser.next() else { Issue.record("no request"); return }
        #expect(request.bodyText == "data")
    }

    @Test func expectContinueNotSignalledWhenBodyAlreadyArrived() {
        let outcome = parse("PUT /u HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok")
        #expect(outcome.continues == 0)
        #expect(outcome.first?.bodyText == "ok")
    }

    @Test func expectContinueWithOversizedBodyIs413AtOnce() {
        let outcome = parse("PUT /u HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n", limits: smallLimits(body: 10))
        #expect(outcome.continues == 0)
        #expect(outcome.error?.status == 413)
    }

    static let errors: [ErrorCase] = [
        ErrorCase(name: "garbage", raw: "HELLO\r\n\r\n", status: 400),
        ErrorCase(name: "lowercase version", raw: "GET / http/1.1\r\nHost: a\r\n\r\n", status: 400),
        ErrorCase(name: "HTTP/2.0", raw: "GET / HTTP/2.0\r\nHost: a\r\n\r\n", status: 505),
        ErrorCase(name: "HTTP/0.9", raw: "GET / HTTP/0.9\r\n\r\n", status: 505),
        ErrorCase(name: "double space", raw: "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", status: 400),
        ErrorCase(name: "bad method char", raw: "G(T / HTTP/1.1\r\nHost: a\r\n\r\n", status: 400),
        ErrorCase(name: "authority form", raw: "CONNECT a:443 HTTP/1.1\r\nHost: a\r\n\r\n", status: 400),
        ErrorCase(name: "space before colon", raw: "GET / HTTP/1.1\r\nHost : a\r\n\r\n", status: 400),
        ErrorCase(name: "obs-fold", raw: "GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n 2\r\n\r\n", status: 400),
        ErrorCase(name: "no colon", raw: "GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n", status: 400),
        ErrorCase(name: "bare LF in value", raw: "GET / HTTP/1.1\r\nHost: a\nX: b\r\n\r\n", status: 400),
        ErrorCase(name: "missing Host", raw: "GET / HTTP/1.1\r\n\r\n", status: 400),
        ErrorCase(name: "two Hosts", raw: "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", status: 400),
        ErrorCase(name: "CL and TE", raw: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", status: 400),
        ErrorCase(name: "conflicting CL", raw: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", status: 400),
        ErrorCase(name: "conflicting CL list", raw: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 4\r\n\r\n", status: 400),
        ErrorCase(name: "signed CL", raw: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +3\r\n\r\n", status: 400),
        ErrorCase(name: "hex CL", raw: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x3\r\n\r\n", status: 400),
        ErrorCase(name: "gzip TE", raw: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", status: 501),
        ErrorCase(name: "chunked twice", raw: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", status: 400),
        ErrorCase(name: "TE in 1.0", raw: "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", status: 400),
        ErrorCase(name: "bad chunk size", raw: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", status: 400),
        ErrorCase(name: "chunk without CRLF", raw: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", status: 400),
        ErrorCase(name: "bad trailer", raw: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nBad Trailer: 1\r\n\r\n", status: 400),
        ErrorCase(name: "huge chunk size", raw: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFF\r\n", status: 400),
    ]

    @Test(arguments: errors)
    func rejectsWithStatus(_ example: ErrorCase) {
        let outcome = parse(example.raw)
        #expect(outcome.error?.status == example.status, "\(outcome.error?.description ?? "no error")")
        #expect(outcome.requests.isEmpty)
    }

    @Test func parserIsSpentAfterAnError() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("BAD\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try parser.next() }
        #expect(try parser.next() == nil)
    }
}

extension HTTPRequestParser.Event: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.expectContinue, .expectContinue): true
        case (.request(let a, let x), .request(let b, let y)): a.target == b.target && a.body == b.body && x == y
        default: false
        }
    }
}

/// Every line of a head ends at a CRLF no later than the one that closes the head, whatever
/// the head holds and however it arrives.
struct HTTPHeadLinesTests {
    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: a\r\n\r\n", 1),
        ("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", 1),
        ("GET / HTTP/1.1\r\nHost: a\r\nX-Empty:\r\nX-B: \r\n\r\n", 3),
        ("GET / HTTP/1.0\r\n\r\n", 0),
        ("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: b\r\nX: y\r\n\r\n", 1),
    ])
    func headLinesEndWithinTheHead(_ raw: String, _ headers: Int) {
        for chunk in [1, 2, 3, 5, raw.utf8.count] {
            let outcome = parse(raw, chunkSize: chunk)
            #expect(outcome.error == nil, "chunks of \(chunk)")
            #expect(outcome.first?.headers.count == headers, "chunks of \(chunk)")
        }
    }
}
