#if canImport(Glibc)
import Glibc
import RecipeHTTPCore
#endif

// Response framing (RFC 9112 §4, §6.3; RFC 9110 §6.6.1, §8.6, §9.3.2):
//   status-line = HTTP-version SP status-code SP [ reason-phrase ] CRLF
//   "A server MUST NOT send a Content-Length header field in any response with a status code
//   of 1xx (Informational) or 204 (No Content)"; 304 has no content either. HEAD responses
//   carry the Content-Length the GET would have, and no body. An origin server with a clock
//   MUST send Date.
// RFC 9110 §15: a status code is three digits, 100–599. §5.1, §5.5: a field name is a token and
// a field value holds no CR, LF or NUL. A handler is our own code, but it may echo input (a
// redirect target, a vendor's id): a status outside the range is written as 500 and a field that
// would break the framing is left out, so no handler can write an invalid status line or split
// the response.

/// Turns an `HTTPResponse` into wire bytes. The server owns the framing headers: any
/// `Content-Length`, `Transfer-Encoding`, `Connection` or `Date` the handler set is replaced.
enum HTTPResponseSerializer {
    static let framingHeaders: Set<String> = ["content-length", "transfer-encoding", "connection", "date"]

    static func serialize(_ response: HTTPResponse, omitBody: Bool, keepAlive: Bool, date: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128 + response.body.count + response.headers.count * 32)
        let status = (100...599).contains(response.status) ? response.status : 500
        out.append(contentsOf: "HTTP/1.1 \(status) \(HTTPResponse.reason(for: status))\r\n".utf8)
        for field in response.headers where !framingHeaders.contains(field.name.lowercased()) && isWritable(field) {
            out.append(contentsOf: field.name.utf8)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: field.value.utf8)
            out.append(contentsOf: "\r\n".utf8)
        }
        let noContent = status == 204 || status == 304 || status < 200
        if !noContent {
            out.append(contentsOf: "Content-Length: \(response.body.count)\r\n".utf8)
        }
        out.append(contentsOf: "Date: ".utf8)
        out.append(contentsOf: date.utf8)
        out.append(contentsOf: keepAlive ? "\r\nConnection: keep-alive\r\n\r\n".utf8 : "\r\nConnection: close\r\n\r\n".utf8)
        if !omitBody && !noContent { out.append(contentsOf: response.body) }
        return out
    }

    /// A token name (RFC 9110 §5.6.2) and a value without CR, LF or NUL.
    static func isWritable(_ field: (name: String, value: String)) -> Bool {
        !field.name.isEmpty && field.name.utf8.allSatisfy(HTTPBytes.isToken)
            && !field.value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
    }

    /// The 503 sent when the server is over its connection or queue cap.
    static func overloaded(retryAfter: Int) -> HTTPResponse {
        .text("server busy, retry later\n", status: 503, headers: ["Retry-After": String(retryAfter)])
    }
}
