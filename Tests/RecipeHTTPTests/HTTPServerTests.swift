import Foundation
import Synchronization
import Testing
@testable import RecipeHTTP
import RecipeHTTPCore

/// Real HTTP over 127.0.0.1, port 0.
@Suite struct HTTPServerTests {
    @Test func keepAliveGetAndPostOnOneSocket() async throws {
        try await withServer { _, port in
            try await blocking {
                let client = try RawClient(port: port)
                try client.send("GET /a?x=1 HTTP/1.1\r\nHost: t\r\n\r\n")
                let first = try #require(try client.readResponse())
                #expect(first.status == 200 && first.body == "GET /a?x=1 ")
                #expect(first.headers["Connection"] == "keep-alive" && first.headers["Date"] != nil)
                try client.send("POST /b HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\nbody")
                #expect(try client.readResponse()?.body == "POST /b body")
            }
        }
    }

    @Test func pipelinedRequestsAnsweredInOrder() async throws {
        try await withServer { _, port in
            try await blocking {
                let client = try RawClient(port: port)
                try client.send(
                    "GET /slow HTTP/1.1\r\nHost: t\r\n\r\nPOST /2 HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\nxHEAD /3 HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try client.readResponse()?.body == "GET /slow ")
                #expect(try client.readResponse()?.body == "POST /2 x")
                let head = try #require(try client.readResponse(headOnly: true))
                #expect(head.headers["Content-Length"] == "8")
            }
        }
    }

    @Test func chunkedUpload() async throws {
        try await withServer { _, port in
            try await blocking {
                let client = try RawClient(port: port)
                try client.send("PUT /u HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\nabcd\r\n")
                try client.send("2\r\nef\r\n0\r\nTrailer: z\r\n\r\n")
                #expect(try client.readResponse()?.body == "PUT /u abcdef")
            }
        }
    }

    @Test func expectContinue() async throws {
        try await withServer { _, port in
            try await blocking {
                let client = try RawClient(port: port)
                try client.send("PUT /e HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
                #expect(try client.readResponse()?.status == 100)
                try client.send("xyz")
                #expect(try client.readResponse()?.body == "PUT /e xyz")
            }
        }
    }

    struct RejectCase: CustomTestStringConvertible, Sendable {
        let name: String
        let raw: String
        let status: Int
        var testDescription: String { name }

        /// The error code the one renderer gives this status.
        var code: String {
            [413: "body_too_large", 431: "headers_too_large", 505: "http_version_not_supported"][status] ?? "bad_request"
        }
    }

    static let rejects: [RejectCase] = [
        RejectCase(name: "413 big body", raw: "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 2000000\r\n\r\nabc", status: 413),
        RejectCase(name: "413 expect with big body", raw: "POST / HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 2000000\r\n\r\n", status: 413),
        RejectCase(name: "431 big headers", raw: "GET / HTTP/1.1\r\nHost: t\r\nX: " + String(repeating: "h", count: 40_000) + "\r\n\r\n", status: 431),
        RejectCase(name: "400 CL and TE", raw: "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", status: 400),
        RejectCase(name: "505 version", raw: "GET / HTTP/3.0\r\nHost: t\r\n\r\n", status: 505),
    ]

    @Test(arguments: rejects)
    func rejectsAndCloses(_ example: RejectCase) async throws {
        try await withServer { _, port in
            try await blocking {
                let client = try RawClient(port: port)
                try client.send(example.raw)
                let response = try #require(try client.readResponse())
                #expect(response.status == example.status)
                #expect(response.headers["Content-Type"] == "application/json")
                #expect(response.body.contains(#"{"error":{"code":"\#(example.code)","message":"#))
                #expect(response.headers["Connection"] == "close")
                #expect(try client.readsEndOfStream())
            }
        }
    }

    @Test func idleConnectionClosedAndPartialHeadGets408() async throws {
        var limits = HTTPServerLimits()
        limits.idleTimeout = .milliseconds(200)
        limits.headerTimeout = .milliseconds(200)
        try await withServer(limits: limits) { _, port in
            try await blocking {
                let idle = try RawClient(port: port)
                #expect(try idle.readsEndOfStream())
                let partial = try RawClient(port: port)
                try partial.send("GET / HTTP/1.1\r\nHo")
                #expect(try partial.readResponse()?.status == 408)
            }
        }
    }

    @Test func thousandIdleConnectionsDoNotStopAFreshClient() async throws {
        try await withServer { server, port in
            try await blocking {
                let idle = try (0..<1000).map { _ in try TCPConnection.connect(host: "127.0.0.1", port: port) }
                try idle[0].write("GET / HTTP/1.1\r\nHost: t\r\n")  // one slow client mid-head, too
                let fresh = try RawClient(port: port, timeout: 10)
                try fresh.send("GET /fresh HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try fresh.readResponse()?.body == "GET /fresh ")
                #expect(server.openConnections == 1001)
                for connection in idle { connection.close() }
            }
        }
    }

    @Test func connectionCapAnswers503WithRetryAfter() async throws {
        var limits = HTTPServerLimits()
        limits.maxConnections = 2
        limits.retryAfterSeconds = 7
        try await withServer(limits: limits) { _, port in
            try await blocking {
                let clients = try (0..<2).map { _ in try RawClient(port: port) }
                for client in clients {
                    try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                    #expect(try client.readResponse()?.status == 200)
                }
                let extra = try RawClient(port: port)
                let refused = try #require(try extra.readResponse())
                #expect(refused.status == 503 && refused.headers["Retry-After"] == "7")
            }
        }
    }

    @Test func queueCapAnswers503AndAHangingHandlerBlocksNoOne() async throws {
        var limits = HTTPServerLimits()
        limits.maxQueuedRequests = 1
        try await withServer(limits: limits, eventLoops: 1, grace: .milliseconds(300)) { _, port in
            try await blocking {
                let hanging = try RawClient(port: port)
                try hanging.send("GET /hang HTTP/1.1\r\nHost: t\r\n\r\n")
                Thread.sleep(forTimeInterval: 0.1)
                let other = try RawClient(port: port)
                try other.send("GET /x HTTP/1.1\r\nHost: t\r\n\r\n")
                let busy = try #require(try other.readResponse())
                #expect(busy.status == 503 && busy.headers["Retry-After"] == "1")
            }
        }
    }

    @Test func hangingHandlerDoesNotBlockTheLoop() async throws {
        try await withServer(eventLoops: 1, grace: .milliseconds(300)) { _, port in
            try await blocking {
                let hanging = try RawClient(port: port)
                try hanging.send("GET /hang HTTP/1.1\r\nHost: t\r\n\r\n")
                let other = try RawClient(port: port)
                try other.send("GET /fine HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try other.readResponse()?.body == "GET /fine ")
            }
        }
    }

    @Test func gracefulShutdownFinishesInFlightRequest() async throws {
        // The handler holds the request until the test has started the shutdown, so the request
        // is in flight when shutdown begins, whatever the machine's load.
        let entered = Atomic<Bool>(false)
        let released = Atomic<Bool>(false)
        let gate = HandlerFunction { request in
            entered.store(true, ordering: .releasing)
            while !released.load(ordering: .acquiring) { try? await Task.sleep(for: .milliseconds(5)) }
            return .text("done \(request.target)")
        }
        let server = HTTPServer(configuration: .init(port: 0, eventLoops: 2), handler: gate, logger: { _ in })
        let port = try server.start()
        let client = try RawClient(port: port)
        try client.send("GET /gate HTTP/1.1\r\nHost: t\r\n\r\n")
        let idle = try RawClient(port: port)
        while !entered.load(ordering: .acquiring) { try await Task.sleep(for: .milliseconds(5)) }
        let shutdown = Task { await server.shutdown() }
        while !server.isShuttingDown { try await Task.sleep(for: .milliseconds(5)) }
        released.store(true, ordering: .releasing)
        await shutdown.value
        let response = try #require(try client.readResponse())
        #expect(response.status == 200 && response.body == "done /gate")
        #expect(response.headers["Connection"] == "close")
        #expect(try idle.readsEndOfStream())
        #expect(throws: SocketError.self) { _ = try TCPConnection.connect(host: "127.0.0.1", port: port, timeout: 1) }
    }

    @Test func curlTalksToTheServer() async throws {
        try await withServer { _, port in
            let get = try await curl(["-s", "-i", "http://127.0.0.1:\(port)/hello?who=curl"])
            #expect(get.hasPrefix("HTTP/1.1 200 OK"))
            #expect(get.hasSuffix("GET /hello?who=curl "))
            let post = try await curl(["-s", "-i", "-H", "Transfer-Encoding: chunked", "--data-binary", "payload", "http://127.0.0.1:\(port)/p"])
            #expect(post.hasSuffix("POST /p payload"))
        }
    }

    func curl(_ arguments: [String]) async throws -> String {
        try await blocking {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = ["--max-time", "10"] + arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
    }
}
