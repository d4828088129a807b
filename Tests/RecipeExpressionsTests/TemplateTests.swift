import RecipeData
import RecipeExpressions
import Testing

struct TemplateTests {
    static func render(_ string: String) throws -> JSONValue {
        try Template.compile(string: string).render(in: Fixture.scope, environment: Fixture.environment)
    }

    static let values: [Case] = [
        Case("plain text", "plain text"), Case("", ""), Case("a } b }} c {", "a } b }} c {"),
        Case("{{ trigger.data }}", Fixture.trigger["data"]!),
        Case("{{ trigger.data.count }}", 5), Case("{{ trigger.data.manager }}", nil), Case("{{ [1, 2] }}", [1, 2]),
        Case("{{ trigger.data.numericId }}", .int(3_332_883_884_017_713_938)),
        Case("{{ trigger.data.employeeId }}", "3332883884017713938"),
        Case(" {{ trigger.data.count }}", " 5"),
        Case("Hello {{ trigger.data.name }}!", "Hello Ada!"),
        Case("id={{ trigger.data.numericId }}", "id=3332883884017713938"),
        Case("[{{ trigger.data.manager }}]", "[]"), Case("{{ 1.5 }}/{{ true }}/{{ 2.0 }}", "1.5/true/2"),
        Case("tags={{ trigger.data.tags }} obj={{ {a: 1} }}", #"tags=["a","b","c"] obj={"a":1}"#),
        Case("{{ '{{' }} literal }}", "{{ literal }}"), Case("{{ '}}' }}", "}}"),
        Case("{{ {a: {b: 1}} }}", ["a": ["b": 1]]), Case("{{{a: 1}}}", ["a": 1]),
        Case("{{ trigger.data.name }}{{ trigger.data.count }}", "Ada5"),
    ]

    @Test(arguments: values)
    func renders(_ row: Case) throws {
        #expect(try Self.render(row.source) == row.expected)
    }

    @Test func constantTemplatesFold() throws {
        #expect(try Template.compile(string: "{{ 1 + 2 }}").isConstant)
        #expect(try Template.compile(string: "a{{ upper('b') }}c").isConstant)
        #expect(try Template.compile(string: "{{ '{{' }}").isConstant)
        #expect(try Template.compile(string: "x").isConstant)
        #expect(try !Template.compile(string: "{{ now() }}").isConstant)
        #expect(try !Template.compile(string: "{{ a }}").isConstant)
        guard case .literal(.string("abc")) = try Template.compile(string: "a{{ 'b' }}c") else {
            Issue.record("expected folded literal")
            return
        }
    }

    static let node = JSONNode(
        .object([
            JSONMember(key: "id", keyLocation: loc(1, 2), value: JSONNode(.string("{{ trigger.data.numericId }}"), at: loc(1, 8))),
            JSONMember(key: "n", keyLocation: loc(2, 2), value: JSONNode(.number(3), at: loc(2, 7))),
            JSONMember(
                key: "list", keyLocation: loc(3, 2),
                value: JSONNode(.array([JSONNode(.string("x{{ trigger.data.name }}"), at: loc(3, 11))]), at: loc(3, 10))),
        ]), at: loc(1, 1))

    static func loc(_ line: Int, _ column: Int) -> RecipeData.SourceLocation { RecipeData.SourceLocation(file: "r.json", line: line, column: column) }

    @Test func compilesNodeTrees() throws {
        let (template, diagnostics) = Template.compile(Self.node)
        #expect(diagnostics.isEmpty)
        #expect(template.expressions.map(\.sourceText) == ["trigger.data.numericId", "trigger.data.name"])
        let value = try template.render(in: Fixture.scope, environment: Fixture.environment)
        #expect(value == ["id": .int(3_332_883_884_017_713_938), "n": 3, "list": ["xAda"]])
        let constant = Template.compile(JSONNode(.array([JSONNode(.string("a"), at: Self.loc(1, 2))]), at: Self.loc(1, 1)))
        #expect(constant.template.isConstant)
    }

    @Test func collectsEveryErrorInTheTree() {
        let bad = JSONNode(
            .array([
                JSONNode(.string("{{ lowr(x) }} and {{ 1 + }}"), at: Self.loc(4, 3)),
                JSONNode(.string("{{ unterminated"), at: Self.loc(5, 3)),
            ]), at: Self.loc(4, 1))
        let diagnostics = Template.compile(bad).diagnostics
        #expect(diagnostics.map(\.description) == [
            "r.json:4:7: error: unknown function 'lowr'; did you mean 'lower'?",
            "r.json:4:29: error: expected an expression but found '}'",
            "r.json:5:4: error: unterminated '{{'; expected '}}'",
        ])
    }
}
