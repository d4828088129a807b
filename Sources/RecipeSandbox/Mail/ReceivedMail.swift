import Foundation
import RecipeData

/// A message the SMTP sink accepted: the envelope and the data as received (dot-unstuffing
/// done, CRLF line ends), with the RFC 5322 header fields read out for inspection.
public struct ReceivedMail: Sendable, Equatable {
    /// The envelope sender (`MAIL FROM`), empty for the null path `<>`.
    public var from: String
    /// The envelope recipients (`RCPT TO`), in order.
    public var recipients: [String]
    /// The message data between `DATA` and the final ".".
    public var data: [UInt8]

    public init(from: String, recipients: [String], data: [UInt8]) {
        self.from = from
        self.recipients = recipients
        self.data = data
    }

    /// Header fields in order, folded lines unfolded (RFC 5322 §2.2.3), encoded-words in
    /// `Subject`, `From` and `To` decoded (RFC 2047).
    public var headers: [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        for line in headerText.components(separatedBy: "\r\n") {
            if line.first == " " || line.first == "\t", !fields.isEmpty {
                fields[fields.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                fields.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        return fields.map { ($0.name, EncodedWords.decode($0.value)) }
    }

    /// The first header field of that name (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public var subject: String { header("Subject") ?? "" }

    /// The body after the blank line that ends the header, as UTF-8 text.
    public var body: String {
        let text = String(decoding: data, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return "" }
        return String(text[end.upperBound...])
    }

    private var headerText: String {
        let text = String(decoding: data, as: UTF8.self)
        return text.range(of: "\r\n\r\n").map { String(text[..<$0.lowerBound]) } ?? text
    }

    /// What `GET /_sandbox/mail` lists for this message.
    func json(id: Int, receivedAt: Date) -> JSONValue {
        var fields = JSONObject()
        for (name, value) in headers where !fields.contains(key: name) { fields[name] = .string(value) }
        return .object([
            ("id", .int(id)), ("receivedAt", .string(SandboxDate.timestamp(receivedAt))),
            ("from", .string(from)), ("to", .array(recipients.map { .string($0) })),
            ("subject", .string(subject)),
            ("headers", .object(fields)),
            ("body", .string(body)), ("size", .int(data.count)),
        ])
    }
}

/// RFC 2047 encoded-words (`=?utf-8?B?...?=`, `=?utf-8?Q?...?=`) in header values.
enum EncodedWords {
    static func decode(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        var result = ""
        var rest = Substring(value)
        var previousWasWord = false
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            let afterStart = rest[start.upperBound...]
            let parts = afterStart.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, parts[3].hasPrefix("="), let decoded = word(charset: parts[0], encoding: parts[1], text: parts[2])
            else {
                result += rest[..<start.upperBound]
                rest = afterStart
                previousWasWord = false
                continue
            }
            // §6.2: white space between adjacent encoded-words is ignored.
            if !(previousWasWord && before.allSatisfy(\.isWhitespace)) { result += before }
            result += decoded
            rest = parts[3].dropFirst()
            previousWasWord = true
        }
        return result + rest
    }

    private static func word(charset: Substring, encoding: Substring, text: Substring) -> String? {
        guard ["utf-8", "us-ascii", "iso-8859-1"].contains(charset.lowercased()) else { return nil }
        let bytes: [UInt8]
        switch encoding.uppercased() {
        case "B":
            guard let data = Data(base64Encoded: String(text)) else { return nil }
            bytes = Array(data)
        case "Q":
            var out: [UInt8] = []
            var utf8 = Array(text.utf8)[...]
            while let byte = utf8.popFirst() {
                if byte == UInt8(ascii: "_") {
                    out.append(0x20)
                } else if byte == UInt8(ascii: "="), utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                    out.append(value)
                    utf8 = utf8.dropFirst(2)
                } else {
                    out.append(byte)
                }
            }
            bytes = out
        default: return nil
        }
        if charset.lowercased() == "iso-8859-1" { return String(bytes.map { Character(Unicode.Scalar($0)) }) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
