// b. `{{ trigger.data.employeeId }}` rendered against a HiBob v2 envelope, and the same path
// as a bare `Expression.evaluate`, in ns per evaluation.
import Foundation
import RecipeData
import RecipeExpressions

enum ExpressionBenchmark {
    static let iterations = 1_000_000

    static let envelope = """
        {"companyId": 637323, "type": "employee.updated", "triggeredBy": "Ada Lovelace",
         "triggeredAt": "2025-06-01T09:30:00.000Z", "data": {"employeeId": "3332883894235038486"}}
        """

    static func run() throws {
        let trigger = try JSONParser.parseValue(envelope)
        let scope = ValueScope(["trigger": trigger])
        let environment = EvaluationEnvironment.default
        let template = try Template.compile(string: "{{ trigger.data.employeeId }}")
        let expression = try Expression.parse("trigger.data.employeeId")

        let templateSummary = try rounds { () throws -> Double in
            try nanosecondsPerCall {
                guard case .string(let text) = try template.render(in: scope, environment: environment) else { return 0 }
                return text.utf8.count
            }
        }
        report("template render {{ trigger.data.employeeId }}", templateSummary, unit: "ns", target: 200)

        let expressionSummary = try rounds { () throws -> Double in
            try nanosecondsPerCall {
                guard case .string(let text) = try expression.evaluate(in: scope, environment: environment) else { return 0 }
                return text.utf8.count
            }
        }
        report("expression evaluate trigger.data.employeeId", expressionSummary, unit: "ns", target: 200)
    }

    /// Calls `body` `iterations` times; checks the summed lengths so the work is used.
    private static func nanosecondsPerCall(_ body: () throws -> Int) throws -> Double {
        var total = 0
        let start = ContinuousClock.now
        for _ in 0..<iterations { total &+= try body() }
        let elapsed = ContinuousClock.now - start
        precondition(total == iterations * 19, "unexpected result length sum \(total)")
        return seconds(elapsed) * 1e9 / Double(iterations)
    }
}
