import RecipeData
import RecipeExpressions
import Testing

/// Every limit, just at it (passes) and just over it (fails).
struct LimitTests {
    static func parses(_ source: String, _ limits: ExpressionLimits = .default) -> String? {
        Fixture.parseError(source, limits: limits)?.message
    }

    @Test(arguments: [(4_096, true), (4_097, false)])
    func sourceLength(length: Int, passes: Bool) {
        let source = "'" + String(repeating: "a", count: length - 2) + "'"
        let message = Self.parses(source)
        #expect(passes ? message == nil : message == "expression is longer than the limit of 4096 bytes")
        let inTemplate = Result { try Template.compile(string: "{{ \(source) }}") }
        #expect(((try? inTemplate.get()) != nil) == passes)
    }

    @Test(arguments: [(63, true), (64, false)])
    func parenthesesDepth(parentheses: Int, passes: Bool) {
        let source = String(repeating: "(", count: parentheses) + "1" + String(repeating: ")", count: parentheses)
        let message = Self.parses(source)
        #expect(passes ? message == nil : message == "expression nests deeper than the limit of 64 levels")
    }

    @Test(arguments: [(64, true), (65, false)])
    func operatorChainDepth(operands: Int, passes: Bool) {
        let source = Array(repeating: "a", count: operands).joined(separator: " + ")
        #expect((Self.parses(source) == nil) == passes)
    }

    @Test func hugeNestingIsAnErrorNotACrash() {
        let wide = ExpressionLimits(maxSourceLength: 1_000_000)
        for opener in ["(", "[", "-", "!", "{a:"] {
            let source = String(repeating: opener, count: 100_000) + "1"
            #expect(Self.parses(source, wide)?.contains("nests deeper") == true)
        }
    }

    @Test(arguments: [(9_999, true), (10_000, false)])
    func evaluationBudget(elements: Int, passes: Bool) throws {
        // `[a, a, ...]` visits the array node plus one node per element.
        let source = "[" + Array(repeating: "a", count: elements).joined(separator: ",") + "]"
        let expression = try Expression.parse(source, limits: ExpressionLimits(maxSourceLength: 100_000))
        let result = Result { () throws(EvaluationError) in try expression.evaluate(in: ValueScope(), environment: .default) }
        if passes {
            #expect((try? result.get())?.arrayValue?.count == elements)
        } else {
            #expect(throws: EvaluationError.self) { try result.get() }
            #expect(Fixture.errorMessage(result) == "expression exceeds its evaluation budget of 10000 steps")
        }
    }

    @Test(arguments: [((1 << 20) - 1, true), (1 << 20, false)])
    func stringLength(existing: Int, passes: Bool) throws {
        let scope = ValueScope(["big": .string(String(repeating: "a", count: existing))])
        let concatenation = try Expression.parse("big + 'b'")
        let result = Result { () throws(EvaluationError) in try concatenation.evaluate(in: scope) }
        #expect(((try? result.get()) != nil) == passes)
        if !passes { #expect(Fixture.errorMessage(result)?.contains("longer than the limit of 1048576 bytes") == true) }
        let interpolation = try Template.compile(string: "{{ big }}b")
        #expect(((try? interpolation.render(in: scope)) != nil) == passes)
    }

    @Test(arguments: [(99_999, true), (100_000, false)])
    func collectionCount(existing: Int, passes: Bool) throws {
        let scope = ValueScope(["list": .array(Array(repeating: 1, count: existing)),
                                "text": .string(String(repeating: ",", count: existing))])
        let append = try Expression.parse("list + [1]")
        let result = Result { () throws(EvaluationError) in try append.evaluate(in: scope) }
        #expect(((try? result.get()) != nil) == passes)
        if !passes { #expect(Fixture.errorMessage(result)?.contains("limit of 100000 elements") == true) }
        // split of n commas gives n + 1 parts
        let split = try Expression.parse("split(text, ',')")
        #expect(((try? split.evaluate(in: scope)) != nil) == passes)
    }
}

extension Fixture {
    static func errorMessage(_ result: Result<JSONValue, EvaluationError>) -> String? {
        if case .failure(let error) = result { return error.message }
        return nil
    }
}
