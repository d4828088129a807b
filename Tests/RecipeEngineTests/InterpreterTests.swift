import Foundation
import RecipeData
import RecipeEngine
import RecipeModel
import RecipeTestSupport
import Testing

struct InterpreterTests {
    static let directory = """
        {"name": "Directory", "trigger": {"function": {"parameters": {"employeeId": "string"}, "result": {"email": "string"}}},
         "steps": [
           {"id": "get", "action": "get_employee", "connection": "hibob", "input": {"id": "{{ input.employeeId }}"}},
           {"id": "done", "return": {"email": "{{ lower(steps.get.output.email) }}"}}
         ]}
        """

    static func hibob() -> FunctionConnector {
        FunctionConnector([
            "get_employee": { request in
                ["id": request.input["id"]!, "email": "Ada@Example.com"]
            }
        ])
    }

    @Test func syncCallReturnsTheCalleeResultAndKeepsNineteenDigitIDsExact() async throws {
        var harness = try EngineHarness([
            "capture": """
                {"name": "Capture", "trigger": {"webhook": {"connection": "hibob", "events": ["employee.updated"]}},
                 "steps": [{"id": "lookup", "call": "directory", "input": {"employeeId": "{{ trigger.data.employeeId }}"}},
                           {"id": "keep", "set": {"email": "{{ steps.lookup.output.email }}", "id": "{{ trigger.data.employeeId }}"}}]}
                """,
            "directory": Self.directory,
        ])
        let hibob = Self.hibob()
        harness.connectors["hibob"] = hibob
        let record = await harness.run("capture", ["data": ["employeeId": "3332883894235038486"]])
        #expect(record.status == .succeeded)
        #expect(record.step("keep")?.output == ["email": "ada@example.com", "id": "3332883894235038486"])
        #expect(hibob.requests.map(\.input) == [["id": "3332883894235038486"]])
        // The callee's steps are recorded under the call's path, one level deeper.
        let get = try #require(record.step("get"))
        #expect(get.path.description == "t/capture#lookup > t/directory#get")
        #expect(get.callDepth == 1)
        #expect(record.steps.map(\.step) == ["lookup", "get", "done", "keep"])
    }

    @Test func asyncCallsRunAsChildJobsWithoutAResult() async throws {
        var harness = try EngineHarness([
            "fanout": """
                {"name": "Fan out", "trigger": {"manual": {}},
                 "steps": [{"id": "each", "foreach": "trigger.ids", "steps": [
                    {"id": "queue", "call": "directory", "async": true, "input": {"employeeId": "{{ item }}"}}]}]}
                """,
            "directory": Self.directory,
        ])
        harness.connectors["hibob"] = Self.hibob()
        let record = await harness.run("fanout", ["ids": ["1", "2", "3"]])
        #expect(record.status == .succeeded)
        #expect(record.children.count == 3)
        #expect(record.children.map(\.result) == Array(repeating: ["email": "ada@example.com"], count: 3))
        #expect(record.children.allSatisfy { $0.parentID == record.id })
        #expect(record.steps.filter { $0.step == "queue" }.map { $0.output?["queued"] } == [true, true, true])
        #expect(record.steps.filter { $0.step == "queue" }.map(\.path.description).last == "t/fanout#queue[2]")
    }

    @Test(arguments: [
        ("Engineering", "then"),
        ("Sales", "else"),
    ])
    func conditionsTakeOneBranch(_ department: String, _ expected: String) async throws {
        let harness = try EngineHarness([
            "branch": """
                {"name": "Branch", "trigger": {"manual": {}},
                 "steps": [{"id": "check", "if": "trigger.department in ['Engineering', 'Product']",
                            "then": [{"id": "yes", "set": {"went": "then"}}], "else": [{"id": "no", "set": {"went": "else"}}]},
                           {"id": "after", "set": {"result": "{{ vars.went }}"}}]}
                """
        ])
        let record = await harness.run("branch", ["department": .string(department)])
        #expect(record.step("after")?.output == ["result": .string(expected)])
        #expect(record.step("check")?.output == ["condition": .bool(expected == "then")])
    }

    @Test func loopsExposeItemAndIndexAndRecordIterations() async throws {
        let harness = try EngineHarness([
            "loop": """
                {"name": "Loop", "trigger": {"manual": {}},
                 "steps": [{"id": "each", "foreach": "trigger.people", "as": "person", "index": "i", "steps": [
                    {"id": "line", "set": {"text": "{{ i }}:{{ person.name }}"}}]},
                    {"id": "last", "set": {"text": "{{ vars.text }}", "count": "{{ steps.each.output.count }}"}}]}
                """
        ])
        let record = await harness.run("loop", ["people": [["name": "Ada"], ["name": "Grace"]]])
        #expect(record.steps.filter { $0.step == "line" }.map { $0.output?["text"] } == ["0:Ada", "1:Grace"])
        #expect(record.step("last")?.output == ["text": "1:Grace", "count": 2])
        #expect(record.steps.filter { $0.step == "line" }.map(\.path.description) == ["t/loop#line[0]", "t/loop#line[1]"])
    }

    @Test func stopEndsTheJobAsSucceededOrFailed() async throws {
        let failing = try EngineHarness([
            "gate": """
                {"name": "Gate", "trigger": {"manual": {}},
                 "steps": [{"id": "check", "if": "trigger.approved != true", "then": [
                    {"id": "halt", "stop": {"status": "failed", "message": "position {{ trigger.id }} is not approved"}}]},
                    {"id": "work", "set": {"done": true}}]}
                """
        ])
        let stopped = await failing.run("gate", ["id": 7, "approved": false])
        #expect(stopped.status == .failed)
        #expect(stopped.error?.type == .stopped)
        #expect(stopped.error?.message == "position 7 is not approved")
        #expect(stopped.step("work") == nil)
        let passed = await failing.run("gate", ["id": 7, "approved": true])
        #expect(passed.status == .succeeded)
        #expect(passed.step("work") != nil)
    }

    @Test func aSkippedStopRecordsTheJobAsSkippedAndACalledOneEndsOnlyItsCall() async throws {
        let harness = try EngineHarness([
            "population": """
                {"name": "Population", "trigger": {"manual": {}},
                 "steps": [{"id": "check", "if": "trigger.site != 'Berlin'", "then": [
                    {"id": "outside", "stop": {"status": "skipped", "message": "{{ trigger.site }} is outside the population"}}]},
                    {"id": "work", "set": {"done": true}}]}
                """,
            "gate": """
                {"name": "Gate", "trigger": {"function": {"parameters": {"site": "string"}}},
                 "steps": [{"id": "outside", "stop": {"status": "skipped", "message": "not here"}},
                    {"id": "never", "set": {"done": true}}]}
                """,
            "caller": """
                {"name": "Caller", "trigger": {"manual": {}},
                 "steps": [{"id": "inner", "call": "gate", "input": {"site": "Paris"}},
                    {"id": "after", "set": {"done": true}}]}
                """,
        ])
        let skipped = await harness.run("population", ["site": "Paris"])
        #expect(skipped.status == .skipped)
        #expect(skipped.error == nil)
        #expect(skipped.message == "Paris is outside the population")
        #expect(skipped.step("outside")?.output?["skipped"] == true)
        #expect(skipped.step("work") == nil)
        #expect(await harness.run("population", ["site": "Berlin"]).status == .succeeded)
        let caller = await harness.run("caller", [:])
        #expect(caller.status == .succeeded)
        #expect(caller.step("after") != nil)
    }

    @Test func webhookFilterSkipsJobsThatDoNotMatch() async throws {
        let harness = try EngineHarness([
            "listen": """
                {"name": "Listen", "trigger": {"webhook": {"connection": "hibob", "events": ["employee.updated"],
                  "filter": "lookup('departments', {Department: trigger.data.department}) != null"}},
                 "steps": [{"id": "work", "set": {"done": true}}]}
                """
        ], tables: ["departments": "Department\nEngineering\n"])
        let skipped = await harness.run("listen", ["data": ["department": "Sales"]])
        #expect(skipped.status == .skipped)
        #expect(skipped.steps.isEmpty)
        let ran = await harness.run("listen", ["data": ["department": "Engineering"]])
        #expect(ran.status == .succeeded)
        #expect(ran.steps.count == 1)
    }

    @Test func functionInputIsCheckedAndDefaultsApplied() async throws {
        let harness = try EngineHarness([
            "fn": """
                {"name": "Fn", "trigger": {"function": {"parameters": {"id": "string", "active": {"type": "boolean", "default": true}}}},
                 "steps": [{"id": "done", "return": "{{ input }}"}]}
                """
        ])
        let ok = await harness.run("fn", ["id": "1"])
        #expect(ok.result == ["id": "1", "active": true])
        let missing = await harness.run("fn", [:])
        #expect(missing.status == .failed)
        #expect(missing.error?.message == "recipe 't/fn' needs parameter 'id'")
        let wrongType = await harness.run("fn", ["id": 5])
        #expect(wrongType.error?.message == "parameter 'id' of 't/fn' must be string, not number")
        let unknown = await harness.run("fn", ["id": "1", "extra": true])
        #expect(unknown.error?.message == "recipe 't/fn' has no parameter 'extra'")
    }

    @Test func expressionErrorsFailTheStepWithTheirLocation() async throws {
        let harness = try EngineHarness([
            "strict": """
                {"name": "Strict", "trigger": {"manual": {}},
                 "steps": [{"id": "need", "set": {"id": "{{ trigger.data.employeeId! }}"}}]}
                """
        ])
        let record = await harness.run("strict", ["data": [:]])
        #expect(record.status == .failed)
        #expect(record.error?.type == .expression)
        #expect(record.error?.step == "need")
        #expect(record.error?.message.contains("trigger.data.employeeId") == true)
        #expect(record.error?.location?.file == "recipes/t/strict.json")
        #expect(record.error?.location?.line == 2)
        #expect(record.step("need")?.status == .failed)
    }
}

struct JobIdentifierTests {
    @Test func jobIDsAreVersion4UUIDs() throws {
        let fixture = try ProjectFixture([:])
        let interpreter = Interpreter(project: fixture.load())
        let ids = (0..<100).map { _ in interpreter.makeJobID() }
        #expect(Set(ids).count == 100)
        for id in ids {
            let uuid = try #require(UUID(uuidString: id))
            #expect(uuid.uuidString.lowercased() == id)
            #expect(Array(id)[14] == "4")
            #expect("89ab".contains(Array(id)[19]))
        }
    }
}

struct FunctionResultTests {
    static let function = """
        {"name": "Fn", "trigger": {"function": {"parameters": {"value": {"type": "any", "required": false}},
          "result": {"userId": "integer", "note": {"type": "string", "required": false}}}},
         "steps": [{"id": "done", "return": {"userId": "{{ input.value }}"}}]}
        """

    @Test(arguments: [
        (JSONValue.int(12301), nil as String?),
        (.string("12301"), "result field 'userId' of 't/fn' must be integer, not string"),
        (.null, "result of 't/fn' is missing 'userId'"),
    ])
    func resultsAreCheckedAgainstTheirDeclaredTypes(_ value: JSONValue, _ error: String?) async throws {
        let harness = try EngineHarness(["fn": Self.function])
        let record = await harness.run("fn", ["value": value])
        #expect(record.error?.message == error)
        #expect(record.status == (error == nil ? .succeeded : .failed))
        if error != nil { #expect(record.error?.type == .result) }
    }
}
