import RecipeData
import RecipeExpressions
import Testing

struct StaticInfoTests {
    @Test func pathsAndCalls() throws {
        let e = try Expression.parse(
            "lookup('integration-settings', {Integration: 'HIBOB', Key: trigger.data.key}).Value ?? steps.get.output[0][vars.i].name!")
        #expect(e.pathReferences.map(\.root) == ["trigger", "steps", "vars"])
        #expect(e.pathReferences[0].components == [.key("data"), .key("key")])
        #expect(e.pathReferences[1].components == [.key("get"), .key("output"), .index(0)])
        let calls = e.functionCalls
        #expect(calls.map(\.name) == ["lookup"])
        #expect(calls[0].arguments[0].literalString == "integration-settings")
        #expect(calls[0].arguments[1].objectLiteralKeys == ["Integration", "Key"])
        #expect(calls[0].arguments[1].sourceText == "{Integration: 'HIBOB', Key: trigger.data.key}")
        #expect(calls[0].location.column == 1)
        #expect(calls[0].arguments[1].location.column == 32)
        #expect(e.sourceText.hasPrefix("lookup("))
        let constant = try Expression.parse("lookup('t', {A: 'x', B: 2})").functionCalls[0].arguments[1]
        #expect(constant.objectLiteralKeys == ["A", "B"])
        #expect(try Expression.parse("1 + 2").constantValue == 3)
    }

    /// Prints the cost of the hot path; no assertion (debug builds are much slower).
    @Test func microBenchmark() throws {
        let template = try Template.compile(string: "{{ trigger.data.employeeId }}")
        let environment = EvaluationEnvironment()
        let iterations = 200_000
        var last: JSONValue = nil
        let elapsed = ContinuousClock().measure {
            for _ in 0..<iterations { last = (try? template.render(in: Fixture.scope, environment: environment)) ?? nil }
        }
        #expect(last == "3332883884017713938")
        let ns = Double(elapsed.components.attoseconds) / 1e9 + Double(elapsed.components.seconds) * 1e9
        print("template path render: \(Int(ns / Double(iterations))) ns/op (\(iterations) iterations)")
    }
}
