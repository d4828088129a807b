import RecipeData

/// The subset match of test expectations: every member an expected object names must match in
/// the actual one (other members are ignored); arrays match item by item and must have the
/// same length; other values must be equal (numbers by value).
enum JSONSubset {
    static func mismatches(expected: JSONValue, actual: JSONValue?, subject: String, at location: SourceLocation) -> [Mismatch] {
        guard let actual else { return [Mismatch(subject, expected: expected, actual: nil, at: location)] }
        switch (expected, actual) {
        case (.object(let wanted), .object(let got)):
            return wanted.flatMap { entry in
                mismatches(expected: entry.value, actual: got[entry.key], subject: member(subject, entry.key), at: location)
            }
        case (.array(let wanted), .array(let got)) where wanted.count == got.count:
            return wanted.indices.flatMap { index in
                mismatches(expected: wanted[index], actual: got[index], subject: "\(subject)[\(index)]", at: location)
            }
        default:
            return expected == actual ? [] : [Mismatch(subject, expected: expected, actual: actual, at: location)]
        }
    }

    /// `a.b`, or `a["odd key"]` when the key is not a plain name.
    static func member(_ subject: String, _ key: String) -> String {
        let plain = !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !(key.first?.isNumber ?? true)
        return plain ? "\(subject).\(key)" : "\(subject)[\(JSONValue.string(key).jsonString())]"
    }
}
