/// One HTTP request, as a handler receives it: complete, with its body read.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The request-target exactly as sent (`/v1/people/123?fields=a`).
    public var target: String
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// `"HTTP/1.1"` or `"HTTP/1.0"`.
    public var version: String

    public init(method: HTTPMethod, target: String, headers: HTTPHeaders = [:], body: [UInt8] = [], version: String = "HTTP/1.1") {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.version = version
    }

    /// The path without the query, still percent-encoded.
    public var path: String {
        guard let mark = target.firstIndex(of: "?") else { return target }
        return String(target[..<mark])
    }

    /// The query string after `?`, or `""`.
    public var queryString: String {
        guard let mark = target.firstIndex(of: "?") else { return "" }
        return String(target[target.index(after: mark)...])
    }

    /// Query parameters in order, percent-decoded (`+` as space, as in forms).
    public var queryItems: [(name: String, value: String)] {
        queryString.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = PercentEncoding.decode(String(parts[0]))
            let value = parts.count > 1 ? PercentEncoding.decode(String(parts[1])) : ""
            return (name, value)
        }
    }

    /// The first value of a query parameter.
    public func query(_ name: String) -> String? { queryItems.first { $0.name == name }?.value }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// Percent-decoding of URL components (RFC 3986 §2.1).
public enum PercentEncoding {
    public static func decode(_ text: String, plusAsSpace: Bool = true) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x41...0x46: c - 0x41 + 10
            case 0x61...0x66: c - 0x61 + 10
            default: nil
            }
        }
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let a = iterator.next() {
                if let high = hex(a), let b = iterator.next() {
                    if let low = hex(b) { bytes.append(high << 4 | low) } else { bytes += [byte, a, b] }
                } else {
                    bytes += [byte, a]
                }
            } else if byte == UInt8(ascii: "+") && plusAsSpace {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Encodes everything except RFC 3986 unreserved characters.
    public static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF")
                out += "%\(digits[Int(byte >> 4)])\(digits[Int(byte & 0xF)])"
            }
        }
        return out
    }
}
