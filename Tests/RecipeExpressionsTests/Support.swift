import RecipeData
import RecipeExpressions

/// Shared fixtures: a scope with a HiBob-like trigger and helpers that parse and evaluate.
enum Fixture {
    static let trigger: JSONValue = [
        "data": [
            "employeeId": "3332883884017713938",
            "numericId": .int(3_332_883_884_017_713_938),
            "name": "Ada",
            "tags": ["a", "b", "c"],
            "manager": nil,
            "count": 5,
        ]
    ]

    static let scope = ValueScope([
        "trigger": trigger,
        "vars": ["empty": "", "zero": 0, "list": [1, 2, 3], "obj": ["k": "v"]],
    ])

    static let tables = LookupTableSet([
        LookupTable(
            name: "integration-settings", columns: ["Integration", "Key", "Value"],
            rows: [
                ["Integration": "HIBOB", "Key": "X", "Value": "x-value"],
                ["Integration": "HIBOB", "Key": "5", "Value": "five"],
                ["Integration": "WORKDAY", "Key": "X", "Value": "other"],
            ],
            location: .file("lookup-tables/integration-settings.csv"))
    ])

    static let environment = EvaluationEnvironment(tables: tables, makeUUID: { "00000000-0000-4000-8000-000000000000" })

    static func evaluate(_ source: String, environment: EvaluationEnvironment = environment) throws -> JSONValue {
        try Expression.parse(source).evaluate(in: scope, environment: environment)
    }

    /// The evaluation error message, or nil when evaluation succeeded.
    static func failure(_ source: String, environment: EvaluationEnvironment = environment) throws -> String? {
        let expression = try Expression.parse(source)
        do {
            _ = try expression.evaluate(in: scope, environment: environment)
            return nil
        } catch {
            return error.message
        }
    }

    /// The parse error, or nil when parsing succeeded.
    static func parseError(_ source: String, limits: ExpressionLimits = .default) -> ExpressionError? {
        do {
            _ = try Expression.parse(source, limits: limits)
            return nil
        } catch {
            return error
        }
    }
}

/// One `(expression, expected value)` row.
struct Case: Sendable, CustomTestStringConvertible {
    let source: String
    let expected: JSONValue
    init(_ source: String, _ expected: JSONValue) {
        self.source = source
        self.expected = expected
    }
    var testDescription: String { source }
}

/// One `(expression, expected error fragment)` row.
struct FailureCase: Sendable, CustomTestStringConvertible {
    let source: String
    let message: String
    init(_ source: String, _ message: String) {
        self.source = source
        self.message = message
    }
    var testDescription: String { source }
}

import Testing
