import RecipeData
import RecipeExpressions
import Testing

/// Parse errors point at the exact column through the mapper (quote at column 1 → content at 2).
struct LocationTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let string: String
        let column: Int
        let message: String
        var testDescription: String { string }
    }

    static let rows: [Row] = [
        Row(string: "{{ trigger.data.x + }}", column: 22, message: "expected an expression but found '}'"),
        Row(string: "ab {{ lowr(x) }}", column: 8, message: "unknown function 'lowr'; did you mean 'lower'?"),
        Row(string: "{{ lower(1, 2) }}", column: 5, message: "'lower' takes 1 argument but 2 were given"),
        Row(string: "é {{ a = 1 }}", column: 9, message: "unexpected '='; use '==' to compare"),
        Row(string: "{{ 'abc }}", column: 5, message: "unterminated string"),
        Row(string: "x {{ a", column: 4, message: "unterminated '{{'; expected '}}'"),
        Row(string: "{{ a b }}", column: 7, message: "expected '}}' to close the expression but found 'b'"),
        Row(string: "{{ a. }}", column: 8, message: "expected a member name after '.'"),
        Row(string: "{{ 'x\\q' }}", column: 7, message: "unknown escape '\\q'"),
        Row(string: "{{ a | b }}", column: 7, message: "unexpected '|'"),
        Row(string: "{{ f(1 }}", column: 5, message: "unknown function 'f'"),
        Row(string: "{{ (1 + 2 }}", column: 12, message: "expected ')'"),
        Row(string: "{{ a ? 1 }}", column: 11, message: "expected ':' in conditional expression"),
        Row(string: "{{ }}", column: 5, message: "expected an expression"),
    ]

    @Test(arguments: rows)
    func pointsAtColumn(_ row: Row) {
        let quote = RecipeData.SourceLocation(file: "recipe.json", line: 7, column: 1, offset: 100)
        let node = JSONNode(.string(row.string), at: quote)
        let diagnostics = Template.compile(node).diagnostics
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location?.line == 7)
        #expect(diagnostics.first?.location?.column == row.column, "\(diagnostics)")
        #expect(diagnostics.first?.message.contains(row.message) == true, "\(diagnostics)")
    }

    @Test func runtimeErrorsCarryLocations() throws {
        let template = try Template.compile(string: "id: {{ trigger.data.manager! }} / {{ 1 / 0 }}")
        do {
            _ = try template.render(in: Fixture.scope, environment: Fixture.environment)
            Issue.record("expected a missing strict path")
        } catch {
            #expect(error.message == "trigger.data.manager is missing")
            #expect(error.location?.column == 8)
        }
        let division = try Template.compile(string: "{{ trigger.data.count / 0 }}")
        do {
            _ = try division.render(in: Fixture.scope, environment: Fixture.environment)
            Issue.record("expected division by zero")
        } catch {
            #expect(error.message == "division by zero")
            #expect(error.location?.column == 23)
        }
    }

    @Test func customMapperReceivesOffsets() throws {
        var seen: [Int] = []
        let error = #expect(throws: ExpressionError.self) {
            _ = try Expression.parse("1 + ", mapper: { offset in
                RecipeData.SourceLocation(file: "m", line: 3, column: 10 + offset, offset: offset)
            })
        }
        seen.append(error?.location.column ?? -1)
        #expect(seen == [14])
    }

    /// The plain mapper resumes from its last answer; any order of offsets gives the same columns.
    @Test func plainMapperCountsScalarsInAnyOrder() {
        let base = SourceLocation(file: "f", line: 3, column: 5, offset: 40)
        let map = SourceMapping.plain("aé😀 b", at: base)
        let offsets = [0, 1, 3, 7, 8, 2, 0, 9, 100]
        #expect(offsets.map { map($0).column - base.column } == [0, 1, 2, 3, 4, 2, 0, 5, 5])
        #expect(offsets.map { map($0).offset - base.offset } == [0, 1, 3, 7, 8, 2, 0, 9, 9])
    }
}
