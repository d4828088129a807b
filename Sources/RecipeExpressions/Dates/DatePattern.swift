// A subset of Unicode (LDML) date patterns, formatted and parsed by hand with English names:
//   yyyy 4-digit year   yy 2-digit year (parsing: 2000+yy)   y year, unpadded
//   MMMM January  MMM Jan  MM 01  M 1          dd 05  d 5
//   HH 00-23  H 0-23   hh 01-12  h 1-12   a AM/PM   mm minute  ss second
//   S... fraction of a second (SSS milliseconds; parsing accepts 1-9 digits)
//   EEEE Monday  EEE Mon (E, EE too)
//   XXX +01:00 or Z   XX +0100 or Z   X +01 or Z   Z... +0100 (never "Z")
//   'text' literal text, '' a single quote; other non-letters are literal.
// Other letters are errors, so a typo in a pattern is reported rather than printed.
import Foundation

struct DatePattern: Sendable {
    enum Piece: Sendable, Equatable {
        case literal(String)
        case field(Character, Int)
    }

    let pieces: [Piece]

    static let supported: Set<Character> = ["y", "M", "d", "H", "h", "m", "s", "S", "a", "E", "X", "Z"]
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    struct Failure: Error {
        var message: String
    }

    init(_ pattern: String) throws(Failure) {
        var pieces: [Piece] = []
        let chars = Array(pattern)
        var i = 0
        func appendLiteral(_ text: String) {
            if case .literal(let previous)? = pieces.last {
                pieces[pieces.count - 1] = .literal(previous + text)
            } else {
                pieces.append(.literal(text))
            }
        }
        while i < chars.count {
            let c = chars[i]
            if c == "'" {
                if i + 1 < chars.count, chars[i + 1] == "'" {
                    appendLiteral("'")
                    i += 2
                    continue
                }
                var text = ""
                i += 1
                while true {
                    guard i < chars.count else { throw Failure(message: "unterminated quote in date pattern") }
                    if chars[i] == "'" {
                        if i + 1 < chars.count, chars[i + 1] == "'" {
                            text.append("'")
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    text.append(chars[i])
                    i += 1
                }
                appendLiteral(text)
            } else if c.isASCII, c.isLetter {
                var count = 1
                while i + count < chars.count, chars[i + count] == c { count += 1 }
                let run = String(repeating: c, count: count)
                guard Self.supported.contains(c), Self.valid(c, count) else {
                    throw Failure(message: "unsupported date pattern '\(run)'")
                }
                pieces.append(.field(c, count))
                i += count
            } else {
                appendLiteral(String(c))
                i += 1
            }
        }
        self.pieces = pieces
    }

    private static func valid(_ c: Character, _ n: Int) -> Bool {
        switch c {
        case "y": [1, 2, 4].contains(n)
        case "M": n <= 4
        case "d", "H", "h", "m", "s": n <= 2
        case "S": n <= 9
        case "a": n == 1
        case "E": n <= 4
        case "X": n <= 3
        default: true
        }
    }

    /// Formats wall-clock fields at `offset` seconds east of UTC.
    func format(_ t: LocalDateTime, offset: Int) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .literal(let text): out += text
            case .field(let c, let n): out += Self.field(c, n, t, offset)
            }
        }
        return out
    }

    private static func field(_ c: Character, _ n: Int, _ t: LocalDateTime, _ offset: Int) -> String {
        let pad = DateText.pad
        switch c {
        case "y": return n == 2 ? pad(t.year.floorMod(100), 2) : (n == 1 ? String(t.year) : pad(t.year, 4))
        case "M": return n == 4 ? monthNames[t.month - 1] : n == 3 ? String(monthNames[t.month - 1].prefix(3)) : pad(t.month, n)
        case "d": return pad(t.day, n)
        case "H": return pad(t.hour, n)
        case "h": return pad(t.hour % 12 == 0 ? 12 : t.hour % 12, n)
        case "m": return pad(t.minute, n)
        case "s": return pad(t.second, n)
        case "S":
            let ms = pad(t.millisecond, 3)
            return n <= 3 ? String(ms.prefix(n)) : ms + String(repeating: "0", count: n - 3)
        case "a": return t.hour < 12 ? "AM" : "PM"
        case "E": return n == 4 ? dayNames[t.weekday] : String(dayNames[t.weekday].prefix(3))
        default: return offsetText(offset, style: c == "Z" ? 0 : n)
        }
    }

    /// style 0: +0100 (Z); 1: +01 or Z; 2: +0100 or Z; 3: +01:00 or Z. Minutes are added to
    /// `X` when the offset is not whole hours.
    static func offsetText(_ offset: Int, style: Int) -> String {
        if offset == 0, style != 0 { return "Z" }
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600, minutes = abs(offset) % 3600 / 60
        let h = DateText.pad(hours, 2), m = DateText.pad(minutes, 2)
        switch style {
        case 1: return minutes == 0 ? sign + h : sign + h + m
        case 3: return sign + h + ":" + m
        default: return sign + h + m
        }
    }
}
