import RecipeData
import RecipeExpressions
import Testing

/// `randomPassword()` makes what a vendor's password policy asks for, fresh at every
/// evaluation (never folded into a constant at load time).
struct RandomPasswordTests {
    static let classes = ["abcdefghijkmnopqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789", "-_.!@#%+=?"]

    @Test(arguments: [("randomPassword()", 24), ("randomPassword(12)", 12), ("randomPassword(128)", 128)])
    func hasTheLengthAndEveryCharacterClass(_ source: String, _ length: Int) throws {
        let password = try #require(try Fixture.evaluate(source).stringValue)
        #expect(password.count == length)
        for characters in Self.classes {
            #expect(password.contains { characters.contains($0) }, "\(password) lacks one of \(characters)")
        }
        #expect(password.allSatisfy { character in Self.classes.contains { $0.contains(character) } })
    }

    @Test func isNewAtEveryEvaluationOfTheSameExpression() throws {
        let expression = try Expression.parse("randomPassword()")
        var seen = Set<String>()
        for _ in 0..<50 {
            seen.insert(try #require(try expression.evaluate(in: ValueScope()).stringValue))
        }
        #expect(seen.count == 50)
    }
}
