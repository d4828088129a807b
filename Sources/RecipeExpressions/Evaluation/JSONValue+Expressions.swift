import Foundation
import RecipeData

extension JSONValue {
    /// Truthiness used by `and`, `or`, `!`/`not` and `? :`: `null`, `false`, `0`, `""`, `[]` and
    /// `{}` are falsy; everything else is truthy.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let b): b
        case .int(let i): i != 0
        case .double(let d): d != 0
        case .string(let s): !s.isEmpty
        case .array(let a): !a.isEmpty
        case .object(let o): !o.isEmpty
        }
    }

    /// The text of a value inside mixed template text and for `toString`/`join`/`+` with a
    /// string: strings as-is, `null` → "", booleans `true`/`false`, integers exactly (all 19
    /// digits), other numbers canonically (see `canonicalNumberText`), arrays and objects as
    /// compact JSON.
    public var templateText: String {
        switch self {
        case .null: ""
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): Self.canonicalNumberText(d)
        case .string(let s): s
        case .array, .object: jsonString()
        }
    }

    /// Integral doubles below 2^53 print without a fraction (`3`), others use the shortest
    /// text that reads back to the same double (`0.1`, `2.5`, `1e+20`).
    static func canonicalNumberText(_ d: Double) -> String {
        if d.rounded() == d, abs(d) < 9_007_199_254_740_992 { return String(Int(d)) }
        return d.description
    }
}

/// Unicode-scalar order for strings (stable across platforms and locales).
func scalarOrder(_ a: String, _ b: String) -> Int {
    var left = a.unicodeScalars.makeIterator()
    var right = b.unicodeScalars.makeIterator()
    while true {
        switch (left.next(), right.next()) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case (let l?, let r?): if l != r { return l < r ? -1 : 1 }
        }
    }
}
