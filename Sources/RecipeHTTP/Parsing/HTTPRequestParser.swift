// An incremental HTTP/1.1 request parser (RFC 9112). Feed it any chunk of bytes with
// `append`, then call `next()` until it returns nil; leftover bytes (a pipelined request)
// stay buffered for the following call. A pure value: no I/O, no clock.
//
// RFC 9112 relied on:
//   §2.2  "a server that is expecting to receive and parse a request-line SHOULD ignore at
//         least one empty line (CRLF) received prior to the request-line"
//   §3    request-line = method SP request-target SP HTTP-version
//   §5.1  "No whitespace is allowed between the field name and colon ... a server MUST
//         reject, with a response status code of 400"
//   §5.2  obs-fold: a server "MUST either reject the message by sending a 400" (we do)
//   §6.1  Transfer-Encoding with Content-Length: reject (request-smuggling defence, 400)
//   §6.3  message body length rules; several Content-Length values must all be equal
//   §7.1  chunked-body = *chunk last-chunk trailer-section CRLF, with chunk extensions
//   RFC 9110 §10.1.1  Expect: 100-continue
//   RFC 9112 §9.3  persistence: 1.1 keeps alive unless "close"; 1.0 only with "keep-alive"

/// Parses a stream of HTTP/1.x requests, one `next()` result at a time.
import RecipeHTTPCore

public struct HTTPRequestParser: Sendable {
    /// What `next()` found.
    public enum Event: Sendable {
        /// The head asked for `Expect: 100-continue` and the body has not arrived yet: write
        /// `HTTP/1.1 100 Continue` now. (A body over the limit throws 413 instead.)
        case expectContinue
        /// A complete request, and whether the connection may stay open after its response.
        case request(HTTPRequest, keepAlive: Bool)
    }

    struct Pending: Sendable {
        var request: HTTPRequest
        var keepAlive: Bool
        var expectContinue: Bool
    }

    enum State: Sendable {
        case head
        case fixedBody(Pending, remaining: Int)
        case chunkSize(Pending)
        case chunkData(Pending, remaining: Int)
        case chunkDataEnd(Pending)
        case trailers(Pending, bytes: Int, count: Int)
        case failed
    }

    public let limits: HTTPServerLimits
    var state: State = .head
    var buffer: [UInt8] = []
    /// Index of the first unconsumed byte in `buffer`.
    var start = 0
    /// Where the search for the end of the head resumes.
    var scanned = 0

    public init(limits: HTTPServerLimits = .default) {
        self.limits = limits
    }

    /// Adds received bytes.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    public mutating func append(_ bytes: [UInt8]) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// The next event, or nil when more bytes are needed. After a throw the parser is spent.
    public mutating func next() throws(HTTPParseError) -> Event? {
        do {
            return try step()
        } catch {
            state = .failed
            throw error
        }
    }

    /// Bytes received and not yet consumed.
    public var bufferedCount: Int { buffer.count - start }

    /// True between requests with nothing buffered: the connection is idle.
    public var isIdle: Bool {
        if case .head = state { return bufferedCount == 0 }
        return false
    }

    /// True once a head has been parsed and its body is still arriving.
    public var isReadingBody: Bool {
        switch state {
        case .head, .failed: false
        default: true
        }
    }

    private mutating func step() throws(HTTPParseError) -> Event? {
        while true {
            switch state {
            case .failed:
                return nil
            case .head:
                guard let pending = try parseHead() else { return nil }
                if let event = try beginBody(pending) { return event }
            case .fixedBody(var pending, let remaining):
                let take = min(remaining, bufferedCount)
                pending.request.body.append(contentsOf: buffer[start..<start + take])
                start += take
                if take < remaining {
                    state = .fixedBody(pending, remaining: remaining - take)
                    return nil
                }
                return finish(pending)
            case .chunkSize, .chunkData, .chunkDataEnd, .trailers:
                guard let pending = try stepChunked() else { return nil }
                return finish(pending)
            }
        }
    }

    /// Chooses the body framing for a parsed head; returns an event to hand out now, if any.
    private mutating func beginBody(_ head: Pending) throws(HTTPParseError) -> Event? {
        var pending = head
        switch try Self.framing(of: head.request, limits: limits) {
        case .none:
            state = .head
            return finish(pending)
        case .length(let length):
            pending.request.body.reserveCapacity(length)
            state = .fixedBody(pending, remaining: length)
            if pending.expectContinue && bufferedCount < length { return .expectContinue }
        case .chunked:
            state = .chunkSize(pending)
            if pending.expectContinue && bufferedCount == 0 { return .expectContinue }
        }
        return nil
    }

    private mutating func finish(_ pending: Pending) -> Event {
        state = .head
        return .request(pending.request, keepAlive: pending.keepAlive)
    }

    /// Drops consumed bytes when that is cheap relative to what remains.
    private mutating func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            scanned = 0
            start = 0
        } else if start > 4096 && start * 2 > buffer.count {
            buffer.removeSubrange(0..<start)
            scanned = max(0, scanned - start)
            start = 0
        }
    }

    /// Index of the first CRLF at or after `from`, or nil.
    func findCRLF(from: Int) -> Int? {
        var index = from
        while index + 1 < buffer.count {
            if buffer[index] == HTTPBytes.cr && buffer[index + 1] == HTTPBytes.lf { return index }
            index += 1
        }
        return nil
    }
}
