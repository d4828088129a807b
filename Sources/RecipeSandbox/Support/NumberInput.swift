// The one way a sandbox endpoint reads a number from a request: a query parameter, a cursor, a
// JSON body field or an SMTP parameter. Each input is named, with the range the fake accepts;
// anything else is refused with a typed error the fake turns into its vendor's documented
// 400 (or the SMTP reply). The ranges keep every sum and product the fakes compute on these
// values (offset = (page - 1) × page size, offset + limit, a cursor plus a page) far from
// `Int.max`, so no single request can trap the sandbox with an arithmetic overflow.
import Foundation
import RecipeData
import RecipeHTTPCore

/// Why a number from a request was refused.
public enum NumberInputError: Error, Equatable, Sendable {
    /// Not a whole decimal number (`["-"] 1*DIGIT`), or a JSON value that is not an integer.
    case notAnInteger(name: String, text: String)
    /// Not a number at all (for inputs that take fractions, such as probabilities).
    case notANumber(name: String, text: String)
    /// A whole number below the accepted range.
    case belowRange(name: String, range: ClosedRange<Int>)
    /// A whole number above the accepted range (including any past `Int.max`).
    case aboveRange(name: String, range: ClosedRange<Int>)

    /// The input refused.
    public var name: String {
        switch self {
        case .notAnInteger(let name, _), .notANumber(let name, _), .belowRange(let name, _), .aboveRange(let name, _): name
        }
    }

    /// One sentence for an error body, naming the input and its range.
    public var message: String {
        switch self {
        case .notAnInteger(let name, let text):
            "\(name) must be a whole number, not '\(text.prefix(40))'"
        case .notANumber(let name, let text):
            "\(name) must be a number, not '\(text.prefix(40))'"
        case .belowRange(let name, let range), .aboveRange(let name, let range):
            "\(name) must be from \(range.lowerBound) to \(range.upperBound)"
        }
    }
}

/// A named numeric input and the range a sandbox endpoint accepts for it.
public struct NumberInput: Sendable, Equatable {
    /// The parameter or field name, as the request spells it.
    public let name: String
    /// The values accepted; everything else is refused.
    public let range: ClosedRange<Int>

    public init(_ name: String, _ range: ClosedRange<Int>) {
        self.name = name
        self.range = range
    }

    /// Reads decimal text: an optional `-` and at least one ASCII digit, nothing else (no `+`,
    /// no spaces, no exponent). Values past `Int` are `aboveRange`/`belowRange`, never a trap.
    public func parse(_ text: some StringProtocol) throws(NumberInputError) -> Int {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw .notAnInteger(name: name, text: String(text))
        }
        var value = 0
        for digit in digits.utf8 {
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = shifted.addingReportingOverflow(Int(digit - 0x30))
            if overflowA || overflowB {
                throw negative ? .belowRange(name: name, range: range) : .aboveRange(name: name, range: range)
            }
            value = next
        }
        return try check(negative ? -value : value)
    }

    /// Reads a JSON number that is a whole number (`3` or `3.0`); strings, fractions,
    /// infinities and other types are `notAnInteger`.
    public func parse(_ json: JSONValue) throws(NumberInputError) -> Int {
        switch json {
        case .int(let value):
            return try check(value)
        case .double(let value) where value.isFinite && value.rounded(.towardZero) == value:
            if value < Double(range.lowerBound) { throw .belowRange(name: name, range: range) }
            if value > Double(range.upperBound) { throw .aboveRange(name: name, range: range) }
            guard let exact = Int(exactly: value) else { throw .aboveRange(name: name, range: range) }
            return try check(exact)
        default:
            throw .notAnInteger(name: name, text: json.jsonString())
        }
    }

    /// Reads a probability (`0...1`) from JSON: any number in range; other values are refused.
    public static func probability(_ name: String, _ json: JSONValue) throws(NumberInputError) -> Double {
        guard let value = json.doubleValue, value.isFinite else {
            throw .notANumber(name: name, text: json.jsonString())
        }
        if value < 0 { throw .belowRange(name: name, range: 0...1) }
        if value > 1 { throw .aboveRange(name: name, range: 0...1) }
        return value
    }

    private func check(_ value: Int) throws(NumberInputError) -> Int {
        if value < range.lowerBound { throw .belowRange(name: name, range: range) }
        if value > range.upperBound { throw .aboveRange(name: name, range: range) }
        return value
    }
}

extension HTTPRequest {
    /// The query parameter `input.name` read through `input`, or `absent` when the request
    /// does not carry it.
    func number(_ input: NumberInput, absent: Int) throws(NumberInputError) -> Int {
        guard let text = query(input.name) else { return absent }
        return try input.parse(text)
    }
}

extension JSONValue {
    /// The member `input.name` of this object read through `input`, or `absent` when it is
    /// missing or `null`.
    func number(_ input: NumberInput, absent: Int) throws(NumberInputError) -> Int {
        guard let value = self[input.name], value != .null else { return absent }
        return try input.parse(value)
    }
}
