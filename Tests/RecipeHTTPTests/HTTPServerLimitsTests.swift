import Testing
@testable import RecipeHTTP

/// Each limit, exactly at the line (accepted) and one past it (rejected).
@Suite struct HTTPServerLimitsTests {
    struct LimitCase: CustomTestStringConvertible, Sendable {
        let name: String
        let limits: HTTPServerLimits
        let atLimit: String
        let overLimit: String
        let status: Int
        var testDescription: String { name }
    }

    static func requestLine(length: Int) -> String {
        // "GET " + target + " HTTP/1.1" = length
        "GET /" + String(repeating: "a", count: length - 14) + " HTTP/1.1\r\nHost: a\r\n\r\n"
    }

    static func headers(sectionBytes: Int) -> String {
        // "Host: a\r\n" is 9 bytes; "X: " + value + "\r\n" fills the rest.
        "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "v", count: sectionBytes - 9 - 5) + "\r\n\r\n"
    }

    static func headers(count: Int) -> String {
        "GET / HTTP/1.1\r\nHost: a\r\n" + (1..<count).map { "X-\($0): v\r\n" }.joined() + "\r\n"
    }

    static func body(_ length: Int) -> String {
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \(length)\r\n\r\n" + String(repeating: "b", count: length)
    }

    static func chunked(_ length: Int) -> String {
        let half = length / 2
        let parts = [half, length - half].map { String($0, radix: 16) + "\r\n" + String(repeating: "c", count: $0) + "\r\n" }
        return "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + parts.joined() + "0\r\n\r\n"
    }

    static func trailers(sectionBytes: Int) -> String {
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: " + String(repeating: "t", count: sectionBytes - 5) + "\r\n\r\n"
    }

    /// A chunk-size line (`5;e=xxx…`, without its CRLF) of `length` bytes, then the chunk.
    static func chunkLine(length: Int) -> String {
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;e=" + String(repeating: "x", count: length - 4)
            + "\r\nhello\r\n0\r\n\r\n"
    }

    static let cases: [LimitCase] = [
        LimitCase(name: "request line 8 KiB", limits: .default, atLimit: requestLine(length: 8192), overLimit: requestLine(length: 8193), status: 431),
        LimitCase(name: "request line small", limits: smallLimits(requestLine: 64), atLimit: requestLine(length: 64), overLimit: requestLine(length: 65), status: 431),
        LimitCase(name: "header section 32 KiB", limits: .default, atLimit: headers(sectionBytes: 32768), overLimit: headers(sectionBytes: 32769), status: 431),
        LimitCase(name: "header section small", limits: smallLimits(headerBytes: 100), atLimit: headers(sectionBytes: 100), overLimit: headers(sectionBytes: 101), status: 431),
        LimitCase(name: "header count 100", limits: .default, atLimit: headers(count: 100), overLimit: headers(count: 101), status: 431),
        LimitCase(name: "body 1 MiB", limits: .default, atLimit: body(1 << 20), overLimit: body((1 << 20) + 1), status: 413),
        LimitCase(name: "body small", limits: smallLimits(body: 10), atLimit: body(10), overLimit: body(11), status: 413),
        LimitCase(name: "chunked body small", limits: smallLimits(body: 10), atLimit: chunked(10), overLimit: chunked(11), status: 413),
        // Found by Fuzz/FuzzHTTPRequest: an over-long chunk-size line was refused only when it
        // arrived in pieces; whole, it was parsed (and its extension accepted).
        LimitCase(name: "chunk size line small", limits: smallLimits(requestLine: 64), atLimit: chunkLine(length: 64), overLimit: chunkLine(length: 65), status: 400),
        LimitCase(name: "trailer section small", limits: smallLimits(headerBytes: 50), atLimit: trailers(sectionBytes: 50), overLimit: trailers(sectionBytes: 51), status: 431),
    ]

    @Test(arguments: cases)
    func acceptsAtTheLimit(_ example: LimitCase) {
        let outcome = parse(example.atLimit, limits: example.limits)
        #expect(outcome.error == nil, "\(outcome.error?.description ?? "")")
        #expect(outcome.requests.count == 1)
    }

    /// Where a socket splits the input must not move the line: the same request is accepted.
    @Test(arguments: cases)
    func acceptsAtTheLimitFedInSmallPieces(_ example: LimitCase) {
        let outcome = parse(example.atLimit, limits: example.limits, chunkSize: 7)
        #expect(outcome.error == nil, "\(outcome.error?.description ?? "")")
        #expect(outcome.requests.count == 1)
    }

    @Test(arguments: cases)
    func rejectsOverTheLimit(_ example: LimitCase) {
        #expect(parse(example.overLimit, limits: example.limits).error?.status == example.status)
    }

    @Test(arguments: cases)
    func rejectsOverTheLimitFedInSmallPieces(_ example: LimitCase) {
        #expect(parse(example.overLimit, limits: example.limits, chunkSize: 7).error?.status == example.status)
    }

    /// An unterminated head is refused as soon as it cannot fit any more.
    @Test func rejectsAnEndlessHeadBeforeItEnds() {
        let limits = smallLimits(requestLine: 64, headerBytes: 100)
        #expect(parse("GET /" + String(repeating: "a", count: 80), limits: limits).error?.status == 431)
        #expect(parse("GET /" + String(repeating: "a", count: 50), limits: limits).error == nil)
        let endless = "GET / HTTP/1.1\r\nX: " + String(repeating: "v", count: 200)
        #expect(parse(endless, limits: limits).error?.status == 431)
    }

    @Test func defaultsAreTheDocumentedOnes() {
        let limits = HTTPServerLimits.default
        #expect(limits.maxRequestLineBytes == 8192)
        #expect(limits.maxHeaderBytes == 32768)
        #expect(limits.maxHeaderCount == 100)
        #expect(limits.maxBodyBytes == 1_048_576)
        #expect(limits.idleTimeout == .seconds(60))
        #expect(limits.headerTimeout == .seconds(10))
        #expect(limits.bodyTimeout == .seconds(30))
        #expect(limits.maxConnections == 10_000)
        #expect(limits.maxQueuedRequests == 1_024)
        #expect(limits.retryAfterSeconds == 1)
    }
}
