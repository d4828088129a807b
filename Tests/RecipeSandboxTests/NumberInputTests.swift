import RecipeData
import Testing

@testable import RecipeSandbox

/// `NumberInput`, the one reader of numbers from requests: both sides of every bound, and
/// text or JSON that is no whole number.
struct NumberInputTests {
    static let page = NumberInput("page", 1...NumberInput.maxPage)

    @Test(arguments: [
        ("1", 1), ("0001", 1), ("1000000", NumberInput.maxPage),
    ])
    func acceptsTextInRange(text: String, value: Int) throws {
        #expect(try Self.page.parse(text) == value)
    }

    @Test(arguments: [
        ("0", NumberInputError.belowRange(name: "page", range: 1...1_000_000)),
        ("-1", .belowRange(name: "page", range: 1...1_000_000)),
        ("1000001", .aboveRange(name: "page", range: 1...1_000_000)),
        ("9223372036854775807", .aboveRange(name: "page", range: 1...1_000_000)),
        ("9223372036854775808", .aboveRange(name: "page", range: 1...1_000_000)),
        ("1180591620717411303424", .aboveRange(name: "page", range: 1...1_000_000)),
        ("-9223372036854775809", .belowRange(name: "page", range: 1...1_000_000)),
        ("", .notAnInteger(name: "page", text: "")),
        ("-", .notAnInteger(name: "page", text: "-")),
        ("+5", .notAnInteger(name: "page", text: "+5")),
        (" 5", .notAnInteger(name: "page", text: " 5")),
        ("5x", .notAnInteger(name: "page", text: "5x")),
        ("1e3", .notAnInteger(name: "page", text: "1e3")),
        ("٣", .notAnInteger(name: "page", text: "٣")),
    ])
    func refusesTextOutsideTheRange(text: String, error: NumberInputError) {
        #expect(throws: error) { try Self.page.parse(text) }
    }

    @Test func theWholeIntRangeReadsBothEnds() throws {
        let any = NumberInput("n", Int.min...Int.max)
        #expect(try any.parse("9223372036854775807") == Int.max)
        #expect(try any.parse("-9223372036854775807") == Int.min + 1)
        #expect(throws: NumberInputError.belowRange(name: "n", range: Int.min...Int.max)) { try any.parse("-9223372036854775808") }
    }

    @Test(arguments: [
        (JSONValue.int(1), 1), (.int(1_000_000), 1_000_000), (.double(3), 3), (.double(1_000_000), 1_000_000),
    ])
    func acceptsJSONWholeNumbersInRange(json: JSONValue, value: Int) throws {
        #expect(try Self.page.parse(json) == value)
    }

    @Test(arguments: [
        (JSONValue.int(0), NumberInputError.belowRange(name: "page", range: 1...1_000_000)),
        (.int(1_000_001), .aboveRange(name: "page", range: 1...1_000_000)),
        (.int(Int.max), .aboveRange(name: "page", range: 1...1_000_000)),
        (.int(Int.min), .belowRange(name: "page", range: 1...1_000_000)),
        (.double(1e300), .aboveRange(name: "page", range: 1...1_000_000)),
        (.double(-1e300), .belowRange(name: "page", range: 1...1_000_000)),
        (.double(1.5), .notAnInteger(name: "page", text: "1.5")),
        (.double(.infinity), .notAnInteger(name: "page", text: JSONValue.double(.infinity).jsonString())),
        (.string("2"), .notAnInteger(name: "page", text: "\"2\"")),
        (.bool(true), .notAnInteger(name: "page", text: "true")),
    ])
    func refusesJSONOutsideTheRange(json: JSONValue, error: NumberInputError) {
        #expect(throws: error) { try Self.page.parse(json) }
    }

    @Test func anIntMaxRangeTakesHugeWholeDoublesWithoutTrapping() {
        let any = NumberInput("retryAfter", 0...Int.max)
        #expect(throws: NumberInputError.aboveRange(name: "retryAfter", range: 0...Int.max)) {
            try any.parse(JSONValue.double(9.223372036854775807e18))
        }
        #expect(throws: NumberInputError.aboveRange(name: "retryAfter", range: 0...Int.max)) {
            try any.parse(JSONValue.double(1e19))
        }
    }

    @Test(arguments: [(JSONValue.int(0), 0.0), (.double(0.25), 0.25), (.int(1), 1.0)])
    func acceptsProbabilities(json: JSONValue, value: Double) throws {
        #expect(try NumberInput.probability("errorRate", json) == value)
    }

    @Test(arguments: [
        (JSONValue.double(-0.000001), NumberInputError.belowRange(name: "errorRate", range: 0...1)),
        (.double(1.000001), .aboveRange(name: "errorRate", range: 0...1)),
        (.string("0.5"), .notANumber(name: "errorRate", text: "\"0.5\"")),
    ])
    func refusesProbabilitiesOutside0To1(json: JSONValue, error: NumberInputError) {
        #expect(throws: error) { try NumberInput.probability("errorRate", json) }
    }

    @Test func messagesNameTheInputAndItsRange() {
        #expect(NumberInputError.aboveRange(name: "page", range: 1...5).message == "page must be from 1 to 5")
        #expect(NumberInputError.notAnInteger(name: "skip", text: "x").message == "skip must be a whole number, not 'x'")
    }

    @Test(arguments: [
        ("9999-12-31", true), ("0001-01-01", true), ("10000-01-01", false), ("0000-01-01", false),
        ("9223372036854775807-03-01", false), ("2026-13-01", false), ("2026-00-10", false), ("2026-01-32", false),
    ])
    func datesReadTheirPartsThroughNamedRanges(text: String, valid: Bool) {
        #expect((SandboxDate.day(of: text) != nil) == valid)
    }
}
