// Body framing (RFC 9112 §6) and the chunked coding (§7.1).
//   §6.1  "A server MAY reject a request that contains both Content-Length and
//         Transfer-Encoding" (we do: 400, the usual request-smuggling defence); a server
//         that receives a transfer coding it does not understand "SHOULD respond with 501";
//         HTTP/1.0 with Transfer-Encoding is faulty framing (400).
//   §6.3  several Content-Length values that are not all the same valid number: 400.
//   §7.1  chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF; last-chunk = 1*"0" [ chunk-ext ] CRLF
//         chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
//   §7.1.2 trailer-section = *( field-line CRLF ), then CRLF. Trailers are checked and dropped.

import RecipeHTTPCore

extension HTTPRequestParser {
    enum Framing: Equatable {
        case none
        case length(Int)
        case chunked
    }

    /// Decides how the body is delimited, rejecting ambiguous or oversized framing.
    static func framing(of request: HTTPRequest, limits: HTTPServerLimits) throws(HTTPParseError) -> Framing {
        let transferEncodings = request.headers.values(for: "Transfer-Encoding")
        let lengths = request.headers.values(for: "Content-Length")
        if !transferEncodings.isEmpty {
            guard request.version == "HTTP/1.1" else { throw .bad("Transfer-Encoding in an HTTP/1.0 request") }
            guard lengths.isEmpty else { throw .bad("both Content-Length and Transfer-Encoding") }
            let codings = tokens(transferEncodings)
            if let other = codings.first(where: { $0 != "chunked" }) {
                throw HTTPParseError(status: 501, "transfer coding '\(other)' not implemented")
            }
            guard codings.count == 1 else { throw .bad("chunked applied more than once") }
            return .chunked
        }
        guard !lengths.isEmpty else { return .none }
        var length: Int?
        for element in lengths.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
            let digits = element.trimmingWhitespace()
            guard !digits.isEmpty, digits.count <= 18, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let value = Int(digits)
            else { throw .bad("invalid Content-Length") }
            guard length == nil || length == value else { throw .bad("conflicting Content-Length values") }
            length = value
        }
        guard let length else { return .none }
        guard length <= limits.maxBodyBytes else { throw .tooLarge("body of \(length) bytes over the limit") }
        return length == 0 ? .none : .length(length)
    }

    /// Advances through chunks; returns the finished request once the trailers end.
    mutating func stepChunked() throws(HTTPParseError) -> Pending? {
        while true {
            switch state {
            case .chunkSize(let pending):
                // The same bound whether the line arrives whole or in pieces (as for the request
                // line): a complete line over it is refused too, and an incomplete one only once
                // it cannot fit (its last byte may be the CR of the CRLF).
                guard let lineEnd = findCRLF(from: start) else {
                    if bufferedCount > limits.maxRequestLineBytes + 1 { throw .bad("chunk size line too long") }
                    return nil
                }
                guard lineEnd - start <= limits.maxRequestLineBytes else { throw .bad("chunk size line too long") }
                let size = try Self.chunkSize(buffer[start..<lineEnd])
                start = lineEnd + 2
                if size == 0 {
                    state = .trailers(pending, bytes: 0, count: 0)
                } else {
                    guard size <= limits.maxBodyBytes - pending.request.body.count else {
                        throw .tooLarge("chunked body over the limit")
                    }
                    state = .chunkData(pending, remaining: size)
                }
            case .chunkData(var pending, let remaining):
                let take = min(remaining, bufferedCount)
                pending.request.body.append(contentsOf: buffer[start..<start + take])
                start += take
                state = take < remaining ? .chunkData(pending, remaining: remaining - take) : .chunkDataEnd(pending)
                if take < remaining { return nil }
            case .chunkDataEnd(let pending):
                guard bufferedCount >= 2 else { return nil }
                guard buffer[start] == HTTPBytes.cr && buffer[start + 1] == HTTPBytes.lf else {
                    throw .bad("chunk data not followed by CRLF")
                }
                start += 2
                state = .chunkSize(pending)
            case .trailers(let pending, let bytes, let count):
                guard let lineEnd = findCRLF(from: start) else {
                    if bytes + bufferedCount > limits.maxHeaderBytes + 2 { throw .headersTooLarge("trailer section too large") }
                    return nil
                }
                if lineEnd == start {
                    start += 2
                    return pending
                }
                let total = bytes + lineEnd - start + 2
                guard total <= limits.maxHeaderBytes else { throw .headersTooLarge("trailer section too large") }
                guard count < limits.maxHeaderCount else { throw .headersTooLarge("too many trailer fields") }
                _ = try parseFieldLine(start..<lineEnd)
                start = lineEnd + 2
                state = .trailers(pending, bytes: total, count: count + 1)
            case .head, .fixedBody, .failed:
                return nil
            }
        }
    }

    /// The hex size at the start of a chunk line; extensions after it are checked for
    /// stray control characters and otherwise ignored.
    static func chunkSize(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        var size = 0
        var digits = 0
        var index = line.startIndex
        while index < line.endIndex, let digit = hexValue(line[index]) {
            guard digits < 15 else { throw .bad("chunk size too large") }
            size = size * 16 + digit
            digits += 1
            index += 1
        }
        guard digits > 0 else { throw .bad("missing chunk size") }
        var rest = line[index...]
        while let byte = rest.first, HTTPBytes.isWhitespace(byte) { rest = rest.dropFirst() }
        if let first = rest.first {
            guard first == UInt8(ascii: ";"), rest.allSatisfy(HTTPBytes.isFieldValue) else {
                throw .bad("invalid chunk extension")
            }
        }
        return size
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        default: nil
        }
    }
}
