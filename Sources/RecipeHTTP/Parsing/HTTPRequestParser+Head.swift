// Request line and header section (RFC 9112 §2.2, §3, §5; RFC 9110 §5.5, §7.2).
//   request-line = method SP request-target SP HTTP-version
//   field-line   = field-name ":" OWS field-value OWS
// Lines end in CRLF; a bare CR or LF inside a line is a 400, as is obs-fold (a line starting
// with SP/HTAB), whitespace before the colon, and a 1.1 request without exactly one Host.

import RecipeHTTPCore

extension HTTPRequestParser {
    /// Parses a complete head if one is buffered; enforces the size limits while waiting.
    mutating func parseHead() throws(HTTPParseError) -> Pending? {
        while bufferedCount >= 2 && buffer[start] == HTTPBytes.cr && buffer[start + 1] == HTTPBytes.lf {
            start += 2  // §2.2: empty lines before the request line are ignored
        }
        guard let end = findHeadEnd() else {
            try checkIncompleteHead()
            return nil
        }
        let lineEnd = self.lineEnd(from: start, headEnd: end)
        guard lineEnd - start <= limits.maxRequestLineBytes else { throw .headersTooLarge("request line too long") }
        guard end - lineEnd <= limits.maxHeaderBytes else { throw .headersTooLarge("header section too large") }
        var request = try parseRequestLine(start..<lineEnd)
        var lineStart = lineEnd + 2
        while lineStart < end + 2 {
            let fieldEnd = self.lineEnd(from: lineStart, headEnd: end)
            guard request.headers.count < limits.maxHeaderCount else { throw .headersTooLarge("too many header fields") }
            let (name, value) = try parseFieldLine(lineStart..<fieldEnd)
            request.headers.add(name, value)
            lineStart = fieldEnd + 2
        }
        start = end + 4
        scanned = start
        return try validate(request)
    }

    /// Where the line starting at `index` ends: the first CRLF from there, which is never past
    /// `end`, because `end` starts the CRLF CRLF that closes the head and every line of the head
    /// starts at or before it (a line starts after a CRLF, and none can end at `end - 1`, where
    /// the next byte is the CR at `end`). So the search always finds one by `end`.
    private func lineEnd(from index: Int, headEnd end: Int) -> Int {
        min(findCRLF(from: index) ?? end, end)
    }

    /// Finds the CRLFCRLF ending the head; returns the index of its first CR.
    private mutating func findHeadEnd() -> Int? {
        var index = max(start, scanned - 3)
        let count = buffer.count
        while index + 3 < count {
            if buffer[index + 3] != HTTPBytes.lf {
                index += buffer[index + 3] == HTTPBytes.cr ? 1 : 4
                continue
            }
            if buffer[index] == HTTPBytes.cr && buffer[index + 1] == HTTPBytes.lf && buffer[index + 2] == HTTPBytes.cr {
                return index
            }
            index += 1
        }
        scanned = max(start, count)
        return nil
    }

    /// Rejects a head that can no longer fit in the limits, before it is complete.
    private func checkIncompleteHead() throws(HTTPParseError) {
        guard let lineEnd = findCRLF(from: start) else {
            if bufferedCount > limits.maxRequestLineBytes + 1 { throw .headersTooLarge("request line too long") }
            return
        }
        guard lineEnd - start <= limits.maxRequestLineBytes else { throw .headersTooLarge("request line too long") }
        if buffer.count - (lineEnd + 2) > limits.maxHeaderBytes + 2 { throw .headersTooLarge("header section too large") }
    }

    private func parseRequestLine(_ range: Range<Int>) throws(HTTPParseError) -> HTTPRequest {
        let line = buffer[range]
        guard let firstSpace = line.firstIndex(of: HTTPBytes.space),
            let secondSpace = line[(firstSpace + 1)...].firstIndex(of: HTTPBytes.space)
        else { throw .bad("malformed request line") }
        let method = line[range.lowerBound..<firstSpace]
        let target = line[(firstSpace + 1)..<secondSpace]
        let version = line[(secondSpace + 1)...]
        guard !method.isEmpty, method.allSatisfy(HTTPBytes.isToken) else { throw .bad("invalid method") }
        guard !target.isEmpty, target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw .bad("invalid request target") }
        let versionText = try Self.version(version)
        let methodText = String(decoding: method, as: UTF8.self)
        let targetText = try Self.originForm(String(decoding: target, as: UTF8.self), method: methodText)
        return HTTPRequest(method: HTTPMethod(methodText), target: targetText, version: versionText)
    }

    /// `HTTP/1.1` and `HTTP/1.0`; any other well-formed version is 505, anything else 400.
    static func version(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        if text == "HTTP/1.1" || text == "HTTP/1.0" { return text }
        let digits = Array(bytes.dropFirst(5))
        if text.hasPrefix("HTTP/"), digits.count == 3, digits[1] == UInt8(ascii: "."),
            digits[0] >= 0x30 && digits[0] <= 0x39, digits[2] >= 0x30 && digits[2] <= 0x39 {
            throw HTTPParseError(status: 505, "HTTP version \(text) not supported")
        }
        throw .bad("malformed HTTP version")
    }

    /// origin-form as is; absolute-form (§3.2.2, which servers must accept) reduced to its
    /// path and query; `*` only for OPTIONS. Anything else (authority-form) is 400.
    static func originForm(_ target: String, method: String) throws(HTTPParseError) -> String {
        if target.hasPrefix("/") { return target }
        if target == "*" && method == "OPTIONS" { return target }
        let lower = target.lowercased()
        for scheme in ["http://", "https://"] where lower.hasPrefix(scheme) {
            let rest = target.dropFirst(scheme.count)
            guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
            let tail = String(rest[slash...])
            return tail.hasPrefix("?") ? "/" + tail : tail
        }
        throw .bad("request target must be origin-form")
    }

    /// Parses one `name: value` line (also used for trailers).
    func parseFieldLine(_ range: Range<Int>) throws(HTTPParseError) -> (String, String) {
        let line = buffer[range]
        guard let first = line.first, !HTTPBytes.isWhitespace(first) else { throw .bad("obsolete line folding") }
        guard let colon = line.firstIndex(of: HTTPBytes.colon) else { throw .bad("header field without colon") }
        let name = line[range.lowerBound..<colon]
        guard !name.isEmpty, name.allSatisfy(HTTPBytes.isToken) else { throw .bad("invalid header field name") }
        var value = line[(colon + 1)...]
        while let byte = value.first, HTTPBytes.isWhitespace(byte) { value = value.dropFirst() }
        while let byte = value.last, HTTPBytes.isWhitespace(byte) { value = value.dropLast() }
        guard value.allSatisfy(HTTPBytes.isFieldValue) else { throw .bad("invalid character in header field value") }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// Host rule (§3.2), persistence (§9.3) and `Expect` (RFC 9110 §10.1.1).
    private func validate(_ request: HTTPRequest) throws(HTTPParseError) -> Pending {
        let hosts = request.headers.values(for: "Host")
        if hosts.count > 1 || (request.version == "HTTP/1.1" && hosts.count != 1) {
            throw .bad("HTTP/1.1 requires exactly one Host header")
        }
        let connection = Self.tokens(request.headers.values(for: "Connection"))
        let keepAlive = request.version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive")
        let expect = request.version == "HTTP/1.1" && Self.tokens(request.headers.values(for: "Expect")).contains("100-continue")
        return Pending(request: request, keepAlive: keepAlive, expectContinue: expect)
    }

    /// Comma-separated list elements, trimmed and lowercased.
    static func tokens(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingWhitespace().lowercased() }.filter { !$0.isEmpty }
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var result = self
        while let c = result.first, c == " " || c == "\t" { result = result.dropFirst() }
        while let c = result.last, c == " " || c == "\t" { result = result.dropLast() }
        return result
    }
}
