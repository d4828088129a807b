import RecipeData
import RecipeExpressions
import Testing

struct OperatorTests {
    static let values: [Case] = [
        // literals
        Case("42", 42), Case("-7", -7), Case("1.5", 1.5), Case("1e3", 1000.0), Case("2.5E-1", 0.25),
        Case("99999999999999999999", .double(1e20)),
        Case(#"'a\'b\n\t\\ \u{1F600}'"#, "a'b\n\t\\ 😀"), Case(#""dq""#, "dq"),
        Case("true", true), Case("false", false), Case("null", nil),
        Case("[1, 'a', [null]]", [1, "a", [nil]]), Case("{a: 1, 'b c': 2, in: 3}", ["a": 1, "b c": 2, "in": 3]),
        Case("[1, 2,]", [1, 2]), Case("{}", [:]),
        // paths
        Case("trigger.data.name", "Ada"), Case("trigger['data'][\"name\"]", "Ada"),
        Case("trigger.data.tags[0]", "a"), Case("trigger.data.tags[-1]", "c"), Case("trigger.data.tags[3]", nil),
        Case("trigger.data.tags[-4]", nil), Case("trigger.data.missing.deeper", nil), Case("trigger.data.name.x", nil),
        Case("unknownRoot.x", nil), Case("trigger.data.tags[vars.list[0]]", "b"),
        Case("trigger.data[\"na\" + \"me\"]", "Ada"), Case("[10, 20][1]", 20), Case("{a: {b: 1}}.a.b", 1),
        Case("trigger.data.name!", "Ada"), Case("trigger.data.numericId", .int(3_332_883_884_017_713_938)),
        // arithmetic
        Case("1 + 2 * 3", 7), Case("(1 + 2) * 3", 9), Case("10 - 4 - 3", 3), Case("7 / 2", 3.5), Case("8 / 2", 4),
        Case("7 % 3", 1), Case("-7 % 3", -1), Case("7.5 % 2", 1.5), Case("2 * 1.5", 3.0),
        Case("9223372036854775807 + 1", .double(9_223_372_036_854_775_808.0)),
        Case("-9223372036854775807 - 10", .double(-9_223_372_036_854_775_817.0)),
        Case("- -3", 3), Case("-(2 + 3)", -5),
        // + on other types
        Case("'a' + 1", "a1"), Case("1 + 'a'", "1a"), Case("'x' + null", "x"), Case("'v' + true", "vtrue"),
        Case("'n=' + trigger.data.numericId", "n=3332883884017713938"), Case("'l=' + [1, 'a']", #"l=[1,"a"]"#),
        Case("[1] + [2, 3]", [1, 2, 3]), Case("{a: 1, b: 2} + {b: 3}", ["a": 1, "b": 3]),
        // equality and ordering
        Case("1 == 1.0", true), Case("'1' == 1", false), Case("null == null", true), Case("[1, {a: 2}] == [1, {a: 2}]", true),
        Case("{a: 1, b: 2} == {b: 2, a: 1}", true), Case("1 != 2", true), Case("'a' != 'a'", false),
        Case("1 < 2", true), Case("2 <= 2", true), Case("3 > 2.5", true), Case("2 >= 3", false),
        Case("'apple' < 'banana'", true), Case("'Z' < 'a'", true), Case("'é' > 'z'", true),
        // in / not in
        Case("2 in [1, 2]", true), Case("{a: 1} in [{a: 1}]", true), Case("'ell' in 'hello'", true),
        Case("'k' in vars.obj", true), Case("'z' not in vars.obj", true), Case("3 not in [1, 2]", true),
        // logic and truthiness
        Case("true && false", false), Case("true and 1", true), Case("0 || ''", false), Case("null or 'x'", true),
        Case("!0", true), Case("not []", true), Case("!{}", true), Case("!'a'", false), Case("!!vars.list", true),
        Case("not 1 == 2", false) /* (not 1) == 2: unary binds tighter */, Case("!trigger.data.manager", true),
        // ?? and ternary
        Case("trigger.data.manager ?? 'none'", "none"), Case("0 ?? 1", 0), Case("null ?? null ?? 3", 3),
        Case("true ? 1 : 2", 1), Case("'' ? 1 : 2", 2), Case("false ? 1 : true ? 2 : 3", 2),
        // precedence
        Case("1 + 2 == 3 && 2 < 3", true), Case("null ?? 1 + 1", 2), Case("1 < 2 == true", true),
        Case("true || false && false", true), Case("1 in [1] == true", true), Case("true ? null ?? 5 : 0", 5),
        Case("a ?? b ? 1 : 2", 2),
    ]

    @Test(arguments: values)
    func evaluates(_ row: Case) throws {
        #expect(try Fixture.evaluate(row.source) == row.expected)
    }

    @Test func integerResultsKeepTheirType() throws {
        guard case .int = try Fixture.evaluate("8 / 2") else { Issue.record("8 / 2 should be an int"); return }
        guard case .double = try Fixture.evaluate("7 / 2") else { Issue.record("7 / 2 should be a double"); return }
    }

    static let failures: [FailureCase] = [
        FailureCase("1 < 'a'", "cannot compare number with string using '<'"),
        FailureCase("null > 1", "cannot compare null with number"),
        FailureCase("1 + null", "cannot add number and null"),
        FailureCase("true + 1", "cannot add boolean and number"),
        FailureCase("[1] + {a: 1}", "cannot add array and object"),
        FailureCase("'a' - 1", "'-' needs two numbers, not string and number"),
        FailureCase("1 / 0", "division by zero"), FailureCase("1 % 0", "modulo by zero"),
        FailureCase("1.5 / 0.0", "division by zero"),
        FailureCase("1 in 5", "'in' needs an array, string or object on the right, not number"),
        FailureCase("1 in 'abc'", "needs a string on the left"),
        FailureCase("-'a'", "cannot negate string"),
        FailureCase("trigger.data.manager!", "trigger.data.manager is missing"),
        FailureCase("trigger.data.employeeId! + trigger.nope.x!", "trigger.nope.x is missing"),
        FailureCase("1e308 * 10", "not a finite number"),
    ]

    @Test(arguments: failures)
    func fails(_ row: FailureCase) throws {
        let message = try Fixture.failure(row.source)
        #expect(message?.contains(row.message) == true, "got \(message ?? "success")")
    }

    /// The right operand is never evaluated when the left decides: a failing right side proves it.
    static let shortCircuitRows: [Case] = [
        Case("false && 1 / 0", false), Case("false and x!", false), Case("true || 1 / 0", true),
        Case("true or x!", true), Case("1 ?? 1 / 0", 1), Case("true ? 1 : 1 / 0", 1), Case("false ? x! : 2", 2),
    ]

    @Test(arguments: shortCircuitRows)
    func shortCircuits(_ row: Case) throws {
        #expect(try Fixture.evaluate(row.source) == row.expected)
    }

    @Test func strictBangDoesNotClashWithNotEqual() throws {
        #expect(try Fixture.evaluate("trigger.data.name!='Bob'") == true)
        #expect(try Fixture.evaluate("trigger.data.name! == 'Ada'") == true)
        #expect(try Fixture.evaluate("!trigger.data.name!") == false)
    }
}
