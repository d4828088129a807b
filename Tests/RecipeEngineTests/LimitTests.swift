import Foundation
import RecipeData
import RecipeEngine
import RecipeModel
import RecipeTestSupport
import Testing

/// Every job limit, just inside and just over.
struct LimitTests {
    static let recursive = """
        {"name": "Recurse", "trigger": {"function": {"parameters": {"n": "integer"}}},
         "steps": [{"id": "more", "if": "input.n > 0", "then": [
            {"id": "down", "call": "recurse", "input": {"n": "{{ input.n - 1 }}"}}]}]}
        """

    @Test(arguments: [(3, true), (4, false)])
    func callDepth(_ depth: Int, _ succeeds: Bool) async throws {
        var harness = try EngineHarness(["recurse": Self.recursive])
        harness.limits.maxCallDepth = 3
        let record = await harness.run("recurse", ["n": .int(depth)])
        #expect((record.status == .succeeded) == succeeds)
        if !succeeds {
            #expect(record.error?.type == .limit)
            #expect(record.error?.message == "call of 't/recurse' exceeds the call depth limit of 3")
        }
    }

    static let loop = """
        {"name": "Loop", "trigger": {"manual": {}},
         "steps": [{"id": "each", "foreach": "trigger.items", "steps": [{"id": "touch", "set": {"x": "{{ item }}"}}]}]}
        """

    @Test(arguments: [(5, true), (6, false)])
    func loopIterations(_ count: Int, _ succeeds: Bool) async throws {
        var harness = try EngineHarness(["loop": Self.loop])
        harness.limits.maxLoopIterations = 5
        let record = await harness.run("loop", ["items": .array((0..<count).map(JSONValue.int))])
        #expect((record.status == .succeeded) == succeeds)
        if !succeeds {
            #expect(record.error?.message == "foreach over 6 items exceeds the limit of 5 iterations")
        }
    }

    @Test(arguments: [(5, true), (6, false)])
    func stepsPerJob(_ items: Int, _ succeeds: Bool) async throws {
        var harness = try EngineHarness(["loop": Self.loop])
        // One step for the loop plus one per item.
        harness.limits.maxStepsPerJob = 6
        let record = await harness.run("loop", ["items": .array((0..<items).map(JSONValue.int))])
        #expect((record.status == .succeeded) == succeeds)
        if !succeeds { #expect(record.error?.message == "job exceeded the limit of 6 steps") }
    }

    @Test func payloadSize() async throws {
        var harness = try EngineHarness(["loop": Self.loop])
        harness.limits.maxPayloadBytes = 100
        let small = await harness.run("loop", ["items": .array([.string(String(repeating: "a", count: 70))])])
        #expect(small.status == .succeeded)
        let large = await harness.run("loop", ["items": .array([.string(String(repeating: "a", count: 90))])])
        #expect(large.status == .failed)
        #expect(large.error?.type == .limit)
        #expect(large.error?.message.hasPrefix("trigger payload of about 106 bytes exceeds the limit of 100 bytes") == true)
    }

    @Test func actionResultSize() async throws {
        var harness = try EngineHarness([
            "make": """
                {"name": "Make", "trigger": {"manual": {}},
                 "steps": [{"id": "make", "action": "make", "connection": "maker", "input": {"n": "{{ trigger.n }}"}}]}
                """
        ])
        harness.connectors["maker"] = FunctionConnector([
            "make": { request in .string(String(repeating: "b", count: request.input["n"]?.intValue ?? 0)) }
        ])
        harness.limits.maxPayloadBytes = 50
        #expect(await harness.run("make", ["n": 48]).status == .succeeded)
        let record = await harness.run("make", ["n": 49])
        #expect(record.status == .failed)
        #expect(record.error?.message == "result of maker.make of about 51 bytes exceeds the limit of 50 bytes")
    }

    @Test func jobTimeout() async throws {
        let fixture = try ProjectFixture(["recipes/t/loop.json": Self.loop])
        var limits = EngineLimits()
        limits.jobTimeout = .seconds(10)
        // Every reading of the clock moves it one second on: a job of many steps runs out of time.
        let slow = Interpreter(project: fixture.load(), clock: ManualClock(tick: 1), limits: limits)
        let short = await slow.run(RecipeID(folder: "t", name: "loop"), trigger: ["items": [1, 2]])
        #expect(short.status == .succeeded)
        let long = await slow.run(RecipeID(folder: "t", name: "loop"), trigger: ["items": .array((0..<20).map(JSONValue.int))])
        #expect(long.status == .failed)
        #expect(long.error?.type == .timeout)
        #expect(long.error?.message == "job exceeded its timeout of 10s")
    }

    @Test func expressionBudgetIsEnforcedInJobs() async throws {
        var harness = try EngineHarness([
            "sum": """
                {"name": "Sum", "trigger": {"manual": {}},
                 "steps": [{"id": "total", "set": {"x": "{{ trigger.a + trigger.a + trigger.a + trigger.a }}"}}]}
                """
        ])
        harness.limits.expressions.evaluationBudget = 7
        #expect(await harness.run("sum", ["a": 1]).status == .succeeded)
        harness.limits.expressions.evaluationBudget = 6
        let record = await harness.run("sum", ["a": 1])
        #expect(record.status == .failed)
        #expect(record.error?.message.contains("evaluation budget of 6") == true)
    }

    @Test(arguments: [(2, true), (3, false)])
    func asyncCallsPerJob(_ count: Int, _ succeeds: Bool) async throws {
        var harness = try EngineHarness([
            "fan": """
                {"name": "Fan", "trigger": {"manual": {}},
                 "steps": [{"id": "each", "foreach": "trigger.items", "steps": [{"id": "q", "call": "sink", "async": true}]}]}
                """,
            "sink": """
                {"name": "Sink", "trigger": {"function": {}}, "steps": []}
                """,
        ])
        harness.limits.maxAsyncCallsPerJob = 2
        let record = await harness.run("fan", ["items": .array((0..<count).map(JSONValue.int))])
        #expect((record.status == .succeeded) == succeeds)
    }
}

/// The async-call limit holds over the tree of jobs one trigger starts, so asynchronous
/// recursion (which `CallCycleFinder` only warns about) ends at the limit.
struct AsyncTreeLimitTests {
    /// `again` calls itself asynchronously while `trigger.left` > 0; `wide` starts two jobs of
    /// `again` per job.
    static let recipes = [
        "again": """
            {"name": "Again", "trigger": {"function": {"parameters": {"left": "number"}}},
             "steps": [{"id": "more", "if": "trigger.left > 0", "then": [
                {"id": "q", "call": "again", "async": true, "input": {"left": "{{ trigger.left - 1 }}"}}]}]}
            """,
        "start": """
            {"name": "Start", "trigger": {"manual": {}},
             "steps": [{"id": "q", "call": "again", "async": true, "input": {"left": "{{ trigger.left }}"}}]}
            """,
    ]

    /// (calls the chain makes, limit, jobs expected in the tree, the tree fails)
    @Test(arguments: [
        (3, 4, 5, false),
        (4, 4, 5, true),
        (50, 4, 5, true),
        (1_000, 10, 11, true),
    ])
    func asynchronousRecursionStopsAtTheLimit(_ depth: Int, _ limit: Int, _ jobs: Int, _ fails: Bool) async throws {
        var harness = try EngineHarness(Self.recipes)
        harness.limits.maxAsyncCallsPerJob = limit
        let record = await harness.run("start", ["left": .int(depth)])
        #expect(record.jobTree.count == jobs)
        #expect(record.failedJobs.isEmpty == !fails)
        if fails {
            let error = try #require(record.failedJobs.first?.error)
            #expect(error.type == .limit)
            #expect(error.message.contains("limit of \(limit) asynchronous calls, counted over all the jobs its trigger started"))
        }
    }
}
