import Foundation
import RecipeData
import RecipeModel

/// One test case file, `recipes/<folder>/tests/<name>.json`: a job to run with scripted
/// connector answers, and what must be true of it afterwards. See docs/recipe-tests.md.
public struct TestCase: Sendable {
    /// The file as messages show it (`recipes/hibob-docebo/tests/update-existing-user.json`).
    public var file: String
    public var description: String?
    /// The recipe whose job the case runs.
    public var recipe: RecipeID
    /// The trigger payload (a webhook body, or a function recipe's input).
    public var trigger: JSONValue
    /// The mocks document, in the format of `recipes run --mocks` (already checked).
    public var mocks: JSONValue
    /// The job's clock starts here; sleeps (retry waits) advance it instantly.
    public var now: Date
    /// Lookup tables that replace the project's tables of the same name for this case (e.g. a
    /// population filter narrower than the shipped one), in the JSON table forms.
    public var tables: [LookupTable] = []
    public var expect: Expectations

    /// Where the clock of a case starts when the file does not say.
    public static let defaultNow = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01T00:00:00Z
}
