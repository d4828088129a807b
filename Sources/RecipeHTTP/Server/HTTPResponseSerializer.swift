#if canImport(Glibc)
import Glibc
#endif

// Response framing (RFC 9112 §4, §6.3; RFC 9110 §6.6.1, §8.6, §9.3.2):
//   status-line = HTTP-version SP status-code SP [ reason-phrase ] CRLF
//   "A server MUST NOT send a Content-Length header field in any response with a status code
//   of 1xx (Informational) or 204 (No Content)"; 304 has no content either. HEAD responses
//   carry the Content-Length the GET would have, and no body. An origin server with a clock
//   MUST send Date.

/// Turns an `HTTPResponse` into wire bytes. The server owns the framing headers: any
/// `Content-Length`, `Transfer-Encoding`, `Connection` or `Date` the handler set is replaced.
enum HTTPResponseSerializer {
    static let framingHeaders: Set<String> = ["content-length", "transfer-encoding", "connection", "date"]

    static func serialize(_ response: HTTPResponse, omitBody: Bool, keepAlive: Bool, date: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128 + response.body.count + response.headers.count * 32)
        out.append(contentsOf: "HTTP/1.1 \(response.status) \(HTTPResponse.reason(for: response.status))\r\n".utf8)
        for field in response.headers where !framingHeaders.contains(field.name.lowercased()) {
            out.append(contentsOf: field.name.utf8)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: field.value.utf8)
            out.append(contentsOf: "\r\n".utf8)
        }
        let noContent = response.status == 204 || response.status == 304 || response.status < 200
        if !noContent {
            out.append(contentsOf: "Content-Length: \(response.body.count)\r\n".utf8)
        }
        out.append(contentsOf: "Date: ".utf8)
        out.append(contentsOf: date.utf8)
        out.append(contentsOf: keepAlive ? "\r\nConnection: keep-alive\r\n\r\n".utf8 : "\r\nConnection: close\r\n\r\n".utf8)
        if !omitBody && !noContent { out.append(contentsOf: response.body) }
        return out
    }

    /// The 503 sent when the server is over its connection or queue cap.
    static func overloaded(retryAfter: Int) -> HTTPResponse {
        .text("server busy, retry later\n", status: 503, headers: ["Retry-After": String(retryAfter)])
    }
}
