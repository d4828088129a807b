/// The life of one server connection as a pure state machine: no sockets, no clock (times
/// are monotonic nanoseconds passed in). The event loop feeds it events and carries out the
/// actions it returns; tests drive it directly.
///
///     idle ──bytes──▶ readingHead ──head──▶ readingBody ──body──▶ awaitingResponse
///       ▲                  │ error/timeout: 4xx          │              │ response
///       │                  ▼                             ▼              ▼
///       └──flushed (keep-alive)──────────────────────── writing ──flushed (close)──▶ closed
///
/// After an error response the connection lingers: it half-closes, then reads and discards
/// what the client still sends (say, the rest of a refused body) until end of stream or a
/// short deadline, so closing does not reset the connection before the client reads the
/// error (the same idea as nginx's lingering close).
///
/// One request is handled at a time; pipelined requests wait, already buffered, in the
/// parser, so responses leave in request order. A handler answering
/// `HTTPResponse.dropConnection` moves `awaitingResponse` straight to `closed`.
import RecipeHTTPCore

struct HTTPConnectionState {
    enum Phase: Equatable {
        case idle, readingHead, readingBody, awaitingResponse, writing, lingering, closed
    }

    enum Action {
        /// Append these bytes to the output.
        case write([UInt8])
        /// Run the handler; answer with `responded`.
        case dispatch(HTTPRequest)
        /// Shut down the sending side (`shutdown(SHUT_WR)`), keep reading.
        case shutdownWrite
        /// Close the socket.
        case close
    }

    let limits: HTTPServerLimits
    private(set) var phase: Phase = .idle
    private(set) var parser: HTTPRequestParser
    /// When the current phase (or the last progress while writing) began.
    private(set) var phaseStarted: UInt64
    private var keepAlive = true
    private var isHead = false
    private var closeAfterWrite = false
    private(set) var draining = false
    private var failed = false
    static let lingerNanoseconds: UInt64 = 2_000_000_000

    init(limits: HTTPServerLimits, now: UInt64) {
        self.limits = limits
        parser = HTTPRequestParser(limits: limits)
        phaseStarted = now
    }

    /// Whether the loop should read from the socket now.
    var wantsRead: Bool { phase == .idle || phase == .readingHead || phase == .readingBody || phase == .lingering }

    /// When `timedOut` should be called, if ever.
    var deadline: UInt64? {
        switch phase {
        case .idle, .writing: phaseStarted + limits.idleTimeout.nanoseconds
        case .readingHead: phaseStarted + limits.headerTimeout.nanoseconds
        case .readingBody: phaseStarted + limits.bodyTimeout.nanoseconds
        case .lingering: phaseStarted + min(Self.lingerNanoseconds, limits.idleTimeout.nanoseconds)
        case .awaitingResponse, .closed: nil
        }
    }

    mutating func received(_ bytes: UnsafeRawBufferPointer, now: UInt64, date: String) -> [Action] {
        guard wantsRead, phase != .lingering else { return [] }
        parser.append(bytes)
        return advance(now: now, date: date)
    }

    mutating func received(_ bytes: [UInt8], now: UInt64, date: String) -> [Action] {
        bytes.withUnsafeBytes { received($0, now: now, date: date) }
    }

    /// The handler's answer for the request last dispatched. `HTTPResponse.dropConnection`
    /// closes at once: nothing is written and requests already buffered behind it are dropped.
    /// A handler's `Connection: close` (the intake's 413) closes after the response is written.
    mutating func responded(_ response: HTTPResponse, now: UInt64, date: String) -> [Action] {
        guard phase == .awaitingResponse else { return [] }
        if response.dropsConnection {
            phase = .closed
            return [.close]
        }
        let handlerCloses = response.headers.contains("Connection") && response.headers.values(for: "Connection").contains {
            $0.lowercased() == "close"
        }
        closeAfterWrite = !keepAlive || draining || handlerCloses
        phase = .writing
        phaseStarted = now
        return [.write(HTTPResponseSerializer.serialize(response, omitBody: isHead, keepAlive: !closeAfterWrite, date: date))]
    }

    /// Output written so far made progress (restarts the write stall timer).
    mutating func wrote(now: UInt64) {
        if phase == .writing { phaseStarted = now }
    }

    /// Every byte of the output has been written.
    mutating func flushed(now: UInt64, date: String) -> [Action] {
        guard phase == .writing else { return [] }
        if closeAfterWrite && failed {
            phase = .lingering
            phaseStarted = now
            return [.shutdownWrite]
        }
        if closeAfterWrite {
            phase = .closed
            return [.close]
        }
        phase = .idle
        phaseStarted = now
        return advance(now: now, date: date)
    }

    /// The peer closed its sending side (read returned end of stream).
    mutating func peerClosed() -> [Action] {
        switch phase {
        case .idle, .readingHead, .readingBody, .lingering:
            phase = .closed
            return [.close]
        case .awaitingResponse, .writing:
            closeAfterWrite = true
            return []
        case .closed:
            return []
        }
    }

    /// Call when `deadline` has passed: 408 if a request was under way, else a silent close.
    mutating func timedOut(now: UInt64, date: String) -> [Action] {
        guard let deadline, now >= deadline else { return [] }
        switch phase {
        case .readingHead, .readingBody:
            return fail(.timedOut(), now: now, date: date)
        case .idle, .writing, .lingering:
            phase = .closed
            return [.close]
        case .awaitingResponse, .closed:
            return []
        }
    }

    /// Graceful shutdown: close now if idle, else after the current response.
    mutating func drain() -> [Action] {
        draining = true
        if phase == .idle {
            phase = .closed
            return [.close]
        }
        return []
    }

    private mutating func advance(now: UInt64, date: String) -> [Action] {
        var actions: [Action] = []
        while true {
            let event: HTTPRequestParser.Event?
            do {
                event = try parser.next()
            } catch {
                return actions + fail(error, now: now, date: date)
            }
            switch event {
            case nil:
                let next: Phase = parser.isReadingBody ? .readingBody : parser.isIdle ? .idle : .readingHead
                if next != phase {
                    phaseStarted = now
                    phase = next
                }
                if draining && phase == .idle {
                    phase = .closed
                    actions.append(.close)
                }
                return actions
            case .expectContinue:
                if phase != .readingBody { phase = .readingBody; phaseStarted = now }
                actions.append(.write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)))
            case .request(let request, let keepAlive):
                self.keepAlive = keepAlive
                isHead = request.method == .head
                phase = .awaitingResponse
                phaseStarted = now
                actions.append(.dispatch(request))
                return actions
            }
        }
    }

    private mutating func fail(_ error: HTTPParseError, now: UInt64, date: String) -> [Action] {
        phase = .writing
        phaseStarted = now
        closeAfterWrite = true
        failed = true
        let response = HTTPErrorRenderer.response(for: error)
        return [.write(HTTPResponseSerializer.serialize(response, omitBody: false, keepAlive: false, date: date))]
    }
}

extension Duration {
    /// Whole nanoseconds (negative durations count as zero).
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}
