import Foundation
import Glibc
import Testing
@testable import RecipeHTTP
import RecipeHTTPCore

/// `HTTPResponse.dropConnection`: the connection closes without a byte written, in the state
/// machine and over a real socket.
@Suite struct DropConnectionTests {
    static let date = "Mon, 23 Nov 2026 10:00:00 GMT"

    @Test func markerIsNotAResponse() {
        let drop = HTTPResponse.dropConnection
        #expect(drop.dropsConnection && drop.status == 0 && drop.headers.count == 0 && drop.body.isEmpty)
        #expect(!HTTPResponse.text("x").dropsConnection)
        var edited = drop
        edited.status = 200
        #expect(edited.dropsConnection, "editing a drop keeps it a drop")
    }

    @Test func stateMachineClosesWithoutWritingAndDiscardsPipelinedRequests() {
        var state = HTTPConnectionState(limits: HTTPServerLimits(), now: 0)
        let pipelined = "GET /drop HTTP/1.1\r\nHost: x\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n"
        let first = state.received(Array(pipelined.utf8), now: 0, date: Self.date)
        #expect(first.count == 1)
        guard case .dispatch(let request) = first.first else {
            Issue.record("expected a dispatch, got \(first)")
            return
        }
        #expect(request.target == "/drop")
        let actions = state.responded(.dropConnection, now: 1, date: Self.date)
        #expect(actions.count == 1)
        if case .close = actions.first {} else { Issue.record("expected only .close, got \(actions)") }
        #expect(state.phase == .closed && !state.wantsRead && state.deadline == nil)
        // Nothing more comes out: not the pipelined request, not a late write.
        #expect(state.flushed(now: 2, date: Self.date).isEmpty)
        #expect(state.received(Array("GET /more HTTP/1.1\r\nHost: x\r\n\r\n".utf8), now: 3, date: Self.date).isEmpty)
        #expect(state.responded(.text("late"), now: 4, date: Self.date).isEmpty)
    }

    @Test func dropAfterAKeepAliveResponseStillClosesSilently() {
        var state = HTTPConnectionState(limits: HTTPServerLimits(), now: 0)
        _ = state.received(Array("GET /a HTTP/1.1\r\nHost: x\r\n\r\n".utf8), now: 0, date: Self.date)
        #expect(!state.responded(.text("ok"), now: 0, date: Self.date).isEmpty)
        _ = state.flushed(now: 0, date: Self.date)
        _ = state.received(Array("GET /drop HTTP/1.1\r\nHost: x\r\n\r\n".utf8), now: 1, date: Self.date)
        let actions = state.responded(.dropConnection, now: 1, date: Self.date)
        #expect(actions.count == 1 && state.phase == .closed)
    }

    /// Drops `/drop`, echoes everything else.
    static let dropper = HandlerFunction { request in
        request.path == "/drop" ? .dropConnection : .text("\(request.method) \(request.target)")
    }

    /// Everything the server sends before closing: bytes, and whether it ended by a reset.
    static func readUntilClosed(_ client: RawClient) throws -> (bytes: [UInt8], reset: Bool) {
        var bytes: [UInt8] = []
        while true {
            let chunk: [UInt8]
            do {
                chunk = try client.connection.read()
            } catch {
                guard error.code == ECONNRESET else { throw error }
                return (bytes, true)
            }
            if chunk.isEmpty { return (bytes, false) }
            bytes += chunk
        }
    }

    @Test func socketSeesEndOfStreamAndNoHTTPBytes() async throws {
        try await withServer(handler: Self.dropper) { _, port in
            try await blocking {
                let client = try RawClient(port: port, timeout: 5)
                try client.send("GET /drop HTTP/1.1\r\nHost: t\r\n\r\n")
                let (bytes, _) = try Self.readUntilClosed(client)
                #expect(bytes.isEmpty, "got \(String(decoding: bytes, as: UTF8.self))")
            }
            // Other connections are unaffected.
            try await blocking {
                let other = try RawClient(port: port, timeout: 5)
                try other.send("GET /fine HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try other.readResponse()?.body == "GET /fine")
            }
        }
    }

    @Test func pipelinedRequestsBehindADropAreNeverAnswered() async throws {
        try await withServer(handler: Self.dropper) { _, port in
            try await blocking {
                let client = try RawClient(port: port, timeout: 5)
                try client.send("GET /a HTTP/1.1\r\nHost: t\r\n\r\nGET /drop HTTP/1.1\r\nHost: t\r\n\r\nGET /b HTTP/1.1\r\nHost: t\r\n\r\n")
                let (bytes, _) = try Self.readUntilClosed(client)
                let text = String(decoding: bytes, as: UTF8.self)
                // Only the first answer; nothing for /drop or /b.
                #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n") && text.hasSuffix("GET /a"))
                #expect(text.components(separatedBy: "HTTP/1.1 ").count == 2)
            }
        }
    }

    @Test func curlReportsAnEmptyReply() async throws {
        try await withServer(handler: Self.dropper) { _, port in
            let status = try await blocking { () -> Int32 in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
                process.arguments = ["-s", "--max-time", "10", "http://127.0.0.1:\(port)/drop"]
                process.standardOutput = Pipe()
                try process.run()
                process.waitUntilExit()
                return process.terminationStatus
            }
            // curl: 52 "Empty reply from server" (56 on a reset).
            #expect(status == 52 || status == 56)
        }
    }
}
