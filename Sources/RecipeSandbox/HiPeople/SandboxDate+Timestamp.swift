// Reading back the ISO 8601 UTC times the fakes print (`2025-01-08T12:12:31Z`), with an
// optional fraction of a second (`2025-01-08T12:12:31.250Z`, as the engine's `now()` renders
// it). Used by HiPeople's `completed_after` filter.
import Foundation

extension SandboxDate {
    /// Whole seconds since 1970 for `yyyy-MM-ddTHH:mm:ss[.fraction]Z`, or `nil` when malformed.
    static func epochSeconds(ofTimestamp text: String) -> Int? {
        let characters = Array(text.utf8)
        guard characters.count >= 20, characters.count <= 40, characters[10] == UInt8(ascii: "T"),
            characters.last == UInt8(ascii: "Z"), let day = day(of: String(decoding: characters[0..<10], as: UTF8.self))
        else { return nil }
        let clock = characters[11..<19]
        guard clock[clock.startIndex + 2] == UInt8(ascii: ":"), clock[clock.startIndex + 5] == UInt8(ascii: ":") else { return nil }
        func number(_ offset: Int, _ limit: Int) -> Int? {
            let digits = clock[(clock.startIndex + offset)..<(clock.startIndex + offset + 2)]
            guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
            let value = Int(String(decoding: digits, as: UTF8.self)) ?? -1
            return value <= limit ? value : nil
        }
        guard let hours = number(0, 23), let minutes = number(3, 59), let seconds = number(6, 59) else { return nil }
        let rest = characters[19..<(characters.count - 1)]
        if !rest.isEmpty {
            guard rest.first == UInt8(ascii: "."), rest.count >= 2,
                rest.dropFirst().allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            else { return nil }
        }
        return day * 86_400 + hours * 3600 + minutes * 60 + seconds
    }
}
