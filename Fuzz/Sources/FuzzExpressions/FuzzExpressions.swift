// The expression lexer, parser and evaluator: any text is parsed as an expression and as a
// template string; what compiles is evaluated against a scope with values of every JSON kind,
// a lookup table, a fixed clock and fixed UUIDs. Errors are fine; traps are findings.
import Foundation
import FuzzSupport
import RecipeData
import RecipeExpressions

private let scope = ValueScope([
    "trigger": [
        "data": [
            "employeeId": "E-1", "email": "first.last@example.com", "startDate": "2024-02-29", "count": 3, "ratio": 0.5,
            "tags": ["a", "b", "c"], "manager": .null, "active": true, "big": .int(Int.max), "small": .int(Int.min),
            "huge": .double(1e308), "nested": ["a": ["b": ["c": [1, 2, 3]]]],
        ],
        "id": "evt-1",
    ],
    "input": ["name": "Zoë Ünïcødé", "n": -1, "empty": "", "list": [], "object": [:]],
    "vars": ["i": 0, "s": "  padded  ", "d": "2024-03-31T02:30:00+02:00"],
    "steps": ["first": ["output": ["id": 42, "items": [["id": 1], ["id": 2]]]]],
])

private let environment: EvaluationEnvironment = {
    let table = LookupTable.fromCSV(bytes: Array("key,value\na,1\nb,2\n".utf8), name: "settings", path: "settings.csv")
    var limits = ExpressionLimits.default
    limits.evaluationBudget = 10_000
    return EvaluationEnvironment(
        tables: LookupTableSet((try? table.get()).map { [$0] } ?? []), now: { Date(timeIntervalSince1970: 1_795_000_000) },
        makeUUID: { "00000000-0000-4000-8000-000000000000" }, limits: limits)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    if let expression = try? Expression.parse(text) {
        _ = try? expression.evaluate(in: scope, environment: environment)
    }
    if let template = try? Template.compile(string: text) {
        _ = try? template.render(in: scope, environment: environment)
    }
    return 0
}
