import RecipeData

extension FunctionRegistry {
    /// randomPassword.
    static let secretFunctions: [FunctionDefinition] = [
        /// randomPassword(length = 24): a fresh password from the system's cryptographic random
        /// source, with at least one lower-case letter, upper-case letter, digit and symbol.
        /// Never computed in advance; a value named like `password` is masked in job records.
        FunctionDefinition("randomPassword", arity: 0...1, pure: false) { a, c throws(EvaluationError) in
            let length = a.isEmpty ? RandomPassword.defaultLength : try c.integer(a[0], "length")
            guard RandomPassword.lengths.contains(length) else {
                throw c.error("length must be \(RandomPassword.lengths.lowerBound) to \(RandomPassword.lengths.upperBound), not \(length)")
            }
            var generator = SystemRandomNumberGenerator()
            return .string(RandomPassword.make(length: length, using: &generator))
        }
    ]
}

/// Passwords that satisfy the usual policies (length, four character classes).
enum RandomPassword {
    static let defaultLength = 24
    static let lengths = 12...128
    /// Character classes; look-alike characters (0/O, 1/l/I) are left out.
    static let classes: [[Character]] = [
        Array("abcdefghijkmnopqrstuvwxyz"), Array("ABCDEFGHJKLMNPQRSTUVWXYZ"), Array("23456789"), Array("-_.!@#%+=?"),
    ]

    /// One character of every class, the rest from all classes, shuffled.
    static func make(length: Int, using generator: inout some RandomNumberGenerator) -> String {
        func pick(_ set: [Character]) -> Character { set[Int.random(in: set.indices, using: &generator)] }
        let all = classes.flatMap { $0 }
        var characters = classes.map(pick)
        while characters.count < length { characters.append(pick(all)) }
        characters.shuffle(using: &generator)
        return String(characters)
    }
}
