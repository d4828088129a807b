import Testing
@testable import RecipeHTTP
import RecipeHTTPCore

/// The connection lifecycle without sockets: bytes in, actions out, times as numbers.
@Suite struct HTTPConnectionStateTests {
    static let second: UInt64 = 1_000_000_000
    static let date = "Mon, 23 Nov 2026 10:00:00 GMT"

    func machine(_ configure: (inout HTTPServerLimits) -> Void = { _ in }) -> HTTPConnectionState {
        var limits = HTTPServerLimits()
        configure(&limits)
        return HTTPConnectionState(limits: limits, now: 0)
    }

    func written(_ actions: [HTTPConnectionState.Action]) -> String {
        actions.compactMap { if case .write(let bytes) = $0 { String(decoding: bytes, as: UTF8.self) } else { nil } }.joined()
    }

    func dispatched(_ actions: [HTTPConnectionState.Action]) -> [HTTPRequest] {
        actions.compactMap { if case .dispatch(let request) = $0 { request } else { nil } }
    }

    func closes(_ actions: [HTTPConnectionState.Action]) -> Bool {
        actions.contains { if case .close = $0 { true } else { false } }
    }

    @Test func keepAliveRoundTrip() {
        var state = machine()
        #expect(state.phase == .idle)
        var actions = state.received(Array("GET /a HTTP/1.1\r\nHost: x\r\n".utf8), now: 1, date: Self.date)
        #expect(actions.isEmpty)
        #expect(state.phase == .readingHead)
        actions = state.received(Array("\r\n".utf8), now: 2, date: Self.date)
        #expect(dispatched(actions).map(\.target) == ["/a"])
        #expect(state.phase == .awaitingResponse)
        #expect(!state.wantsRead)
        #expect(state.deadline == nil)
        actions = state.responded(.text("hi"), now: 3, date: Self.date)
        let text = written(actions)
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(text.contains("Content-Length: 2\r\n"))
        #expect(text.contains("Connection: keep-alive\r\n"))
        #expect(text.contains("Date: \(Self.date)\r\n"))
        #expect(text.hasSuffix("\r\n\r\nhi"))
        #expect(state.phase == .writing)
        actions = state.flushed(now: 4, date: Self.date)
        #expect(actions.isEmpty)
        #expect(state.phase == .idle)
    }

    @Test func pipelinedRequestsAreAnsweredOneAtATimeInOrder() {
        var state = machine()
        var actions = state.received(Array("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n".utf8), now: 0, date: Self.date)
        #expect(dispatched(actions).map(\.target) == ["/1"])
        _ = state.responded(.text("one"), now: 0, date: Self.date)
        actions = state.flushed(now: 0, date: Self.date)
        #expect(dispatched(actions).map(\.target) == ["/2"])
    }

    @Test func connectionCloseClosesAfterTheResponse() {
        var state = machine()
        _ = state.received(Array("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8), now: 0, date: Self.date)
        #expect(written(state.responded(.text("x"), now: 0, date: Self.date)).contains("Connection: close"))
        #expect(closes(state.flushed(now: 0, date: Self.date)))
        #expect(state.phase == .closed)
    }

    /// A handler that answers `Connection: close` (a refused oversized body) ends the
    /// connection after its response; any other value keeps it open.
    @Test(arguments: [("close", true), ("Close", true), ("keep-alive", false), (nil, false)] as [(String?, Bool)])
    func handlerConnectionCloseClosesAfterTheResponse(_ value: String?, _ closed: Bool) {
        var state = machine()
        _ = state.received(Array("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n".utf8), now: 0, date: Self.date)
        var response = HTTPResponse.text("too large", status: 413)
        if let value { response.headers.set("Connection", value) }
        let text = written(state.responded(response, now: 0, date: Self.date))
        #expect(text.contains(closed ? "Connection: close\r\n" : "Connection: keep-alive\r\n"))
        #expect(closes(state.flushed(now: 0, date: Self.date)) == closed)
    }

    @Test func headResponseHasLengthButNoBody() {
        var state = machine()
        _ = state.received(Array("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n".utf8), now: 0, date: Self.date)
        let text = written(state.responded(.text("hello"), now: 0, date: Self.date))
        #expect(text.contains("Content-Length: 5\r\n"))
        #expect(text.hasSuffix("\r\n\r\n"))
    }

    @Test func errorAnswersThenLingersThenCloses() {
        var state = machine()
        let actions = state.received(Array("GET / HTTP/1.1\r\nHost : x\r\n\r\n".utf8), now: 0, date: Self.date)
        #expect(written(actions).hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
        #expect(written(actions).contains("Connection: close"))
        let after = state.flushed(now: 0, date: Self.date)
        #expect(after.contains { if case .shutdownWrite = $0 { true } else { false } })
        #expect(state.phase == .lingering)
        #expect(state.received(Array("junk".utf8), now: 1, date: Self.date).isEmpty)
        #expect(closes(state.peerClosed()))
    }

    @Test func expectContinueWritesInterimResponse() {
        var state = machine()
        let actions = state.received(Array("PUT / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8), now: 0, date: Self.date)
        #expect(written(actions) == "HTTP/1.1 100 Continue\r\n\r\n")
        #expect(state.phase == .readingBody)
        #expect(dispatched(state.received(Array("abc".utf8), now: 1, date: Self.date)).first?.bodyText == "abc")
    }

    struct TimeoutCase: CustomTestStringConvertible, Sendable {
        let name: String
        let input: String
        let phase: HTTPConnectionState.Phase
        let deadlineSeconds: UInt64
        let answers408: Bool
        var testDescription: String { name }
    }

    static let timeouts: [TimeoutCase] = [
        TimeoutCase(name: "idle closes silently", input: "", phase: .idle, deadlineSeconds: 60, answers408: false),
        TimeoutCase(name: "partial head gets 408", input: "GET / HT", phase: .readingHead, deadlineSeconds: 10, answers408: true),
        TimeoutCase(name: "partial body gets 408", input: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\nab", phase: .readingBody, deadlineSeconds: 30, answers408: true),
    ]

    @Test(arguments: timeouts)
    func timesOut(_ example: TimeoutCase) {
        var state = machine()
        if !example.input.isEmpty { _ = state.received(Array(example.input.utf8), now: 0, date: Self.date) }
        #expect(state.phase == example.phase)
        #expect(state.deadline == example.deadlineSeconds * Self.second)
        #expect(state.timedOut(now: example.deadlineSeconds * Self.second - 1, date: Self.date).isEmpty)
        let actions = state.timedOut(now: example.deadlineSeconds * Self.second, date: Self.date)
        #expect(written(actions).hasPrefix("HTTP/1.1 408") == example.answers408)
        #expect(closes(actions) == !example.answers408)
    }

    @Test func awaitingHandlerNeverTimesOut() {
        var state = machine()
        _ = state.received(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8), now: 0, date: Self.date)
        #expect(state.timedOut(now: 1_000 * Self.second, date: Self.date).isEmpty)
    }

    @Test func drainClosesIdleAtOnceAndBusyAfterItsResponse() {
        var idle = machine()
        #expect(closes(idle.drain()))
        var busy = machine()
        _ = busy.received(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8), now: 0, date: Self.date)
        #expect(busy.drain().isEmpty)
        #expect(written(busy.responded(.text("done"), now: 0, date: Self.date)).contains("Connection: close"))
        #expect(closes(busy.flushed(now: 0, date: Self.date)))
    }

    @Test func peerCloseWhileIdleCloses() {
        var state = machine()
        #expect(closes(state.peerClosed()))
    }

    @Test func noContentResponsesHaveNoLength() {
        let bytes = HTTPResponseSerializer.serialize(HTTPResponse(status: 204), omitBody: false, keepAlive: true, date: Self.date)
        #expect(!String(decoding: bytes, as: UTF8.self).contains("Content-Length"))
    }

    @Test func serverOwnsFramingHeaders() {
        let response = HTTPResponse(status: 200, headers: ["Content-Length": "99", "X-A": "1"], body: Array("ok".utf8))
        let text = String(decoding: HTTPResponseSerializer.serialize(response, omitBody: false, keepAlive: true, date: Self.date), as: UTF8.self)
        #expect(text.contains("Content-Length: 2\r\n") && !text.contains("99") && text.contains("X-A: 1\r\n"))
    }

    /// A handler's bug (or echoed input) cannot write an invalid status line or split the response.
    @Test(arguments: [(99999, 500), (-5, 500), (0, 500), (99, 500), (600, 500), (100, 100), (599, 599), (418, 418)])
    func statusesOutsideTheRangeAreWrittenAs500(_ status: Int, _ written: Int) {
        let text = String(decoding: HTTPResponseSerializer.serialize(HTTPResponse(status: status), omitBody: false, keepAlive: true, date: Self.date), as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 \(written) "))
    }

    @Test func fieldsThatWouldSplitTheResponseAreLeftOut() {
        let response = HTTPResponse(
            status: 302,
            headers: ["Location": "/x\r\nSet-Cookie: stolen=1", "Bad Name": "1", "X-Nul": "a\u{0}b", "X-Ok": "fine"])
        let text = String(decoding: HTTPResponseSerializer.serialize(response, omitBody: false, keepAlive: true, date: Self.date), as: UTF8.self)
        #expect(!text.contains("Set-Cookie") && !text.contains("Bad Name") && !text.contains("X-Nul"))
        #expect(text.contains("X-Ok: fine\r\n"))
    }

    @Test(arguments: [(0, "Thu, 01 Jan 1970 00:00:00 GMT"), (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT")])
    func formatsIMFFixdate(_ seconds: Int, _ expected: String) {
        #expect(HTTPDate.format(secondsSince1970: seconds) == expected)
    }
}
