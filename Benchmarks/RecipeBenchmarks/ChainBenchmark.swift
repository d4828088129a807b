// c. A 10-step in-memory chain, 3 recipes deep: webhook `chain/capture` (set, call, stop) →
// function `chain/retrieve` (action, set, call, return) → function `chain/upsert` (action, if,
// return), on EchoConnector. d. Resident memory while running 100,000 of those jobs.
import Foundation
import RecipeData
import RecipeEngine
import RecipeModel
import RecipeTestSupport

enum ChainBenchmark {
    static let jobsPerRound = 10_000
    static let stepsPerJob = 10
    static let recipe = RecipeID(folder: "chain", name: "capture")

    static let files: [String: String] = [
        "recipes/chain/capture.json": """
            {
              "version": 1,
              "name": "Capture employee updates",
              "trigger": { "webhook": { "connection": "hibob", "events": ["employee.updated"] } },
              "steps": [
                { "id": "start", "set": { "employeeId": "{{ trigger.data.employeeId! }}", "event": "{{ trigger.type }}" } },
                { "id": "retrieve", "call": "retrieve",
                  "input": { "employeeId": "{{ vars.employeeId }}", "event": "{{ vars.event }}" } },
                { "id": "done", "stop": { "status": "succeeded", "message": "user {{ steps.retrieve.output.userId }}" } }
              ]
            }
            """,
        "recipes/chain/retrieve.json": """
            {
              "version": 1,
              "name": "Retrieve employee details",
              "trigger": { "function": {
                "parameters": { "employeeId": "string", "event": { "type": "string", "default": "employee.updated" } },
                "result": { "userId": { "type": "string", "required": false }, "created": { "type": "boolean", "required": false } } } },
              "steps": [
                { "id": "employee", "action": "get_employee", "connection": "hibob",
                  "input": { "id": "{{ input.employeeId }}", "email": "Ada.Lovelace@Example.com ", "status": "Active" } },
                { "id": "names", "set": {
                    "email": "{{ lower(trim(steps.employee.output.email)) }}",
                    "active": "{{ steps.employee.output.status == 'Active' && input.event != 'employee.left' }}" } },
                { "id": "upsert", "call": "upsert",
                  "input": { "employeeId": "{{ input.employeeId }}", "email": "{{ vars.email }}", "active": "{{ vars.active }}" } },
                { "id": "result", "return": "{{ steps.upsert.output }}" }
              ]
            }
            """,
        "recipes/chain/upsert.json": """
            {
              "version": 1,
              "name": "Create or update the user",
              "trigger": { "function": {
                "parameters": { "employeeId": "string", "email": "string", "active": { "type": "boolean", "default": true } },
                "result": { "userId": { "type": "string", "required": false }, "created": { "type": "boolean", "required": false } } } },
              "steps": [
                { "id": "existing", "action": "find_user_by_email", "connection": "docebo",
                  "input": { "email": "{{ input.email }}", "valid": "{{ input.active ? 1 : 0 }}" } },
                { "id": "found", "if": "steps.existing.output.email != null",
                  "then": [
                    { "id": "updated", "return": { "userId": "{{ input.employeeId }}", "created": false } }
                  ],
                  "else": [
                    { "id": "create", "action": "create_user", "connection": "docebo", "input": { "email": "{{ input.email }}" } },
                    { "id": "created", "return": { "userId": "{{ input.employeeId }}", "created": true } }
                  ] }
              ]
            }
            """,
    ]

    /// The loaded chain project (checked: no errors) and an interpreter with echo connectors.
    static func setUp() throws -> (fixture: ProjectFixture, interpreter: Interpreter, trigger: JSONValue) {
        let fixture = try ProjectFixture(files)
        let project = fixture.load()
        let errors = project.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            for diagnostic in errors { print(diagnostic) }
            preconditionFailure("the chain project has errors")
        }
        let connectors = ConnectorRegistry(["hibob": EchoConnector(), "docebo": EchoConnector()])
        let interpreter = Interpreter(project: project, connectors: connectors)
        let trigger = try JSONParser.parseValue(ExpressionBenchmark.envelope)
        return (fixture, interpreter, trigger)
    }

    /// Runs one job and checks it succeeded with all 10 steps; returns nothing, so no record
    /// outlives the call.
    @inline(__always)
    static func runJob(_ interpreter: Interpreter, _ trigger: JSONValue, checkSteps: Bool = false) async {
        let record = await interpreter.run(recipe, trigger: trigger)
        guard record.status == .succeeded else {
            preconditionFailure("job failed: \(record.error?.message ?? record.message ?? "?")")
        }
        if checkSteps {
            precondition(record.steps.count == stepsPerJob, "job ran \(record.steps.count) steps, not \(stepsPerJob)")
            precondition(record.message == "user 3332883894235038486", "unexpected message \(record.message ?? "nil")")
        }
    }

    static func runTiming() async throws {
        let (fixture, interpreter, trigger) = try setUp()
        defer { withExtendedLifetime(fixture) {} }
        await runJob(interpreter, trigger, checkSteps: true)
        let summary = await rounds { () async -> Double in
            let start = ContinuousClock.now
            for _ in 0..<jobsPerRound { await runJob(interpreter, trigger) }
            return seconds(ContinuousClock.now - start) * 1e6 / Double(jobsPerRound)
        }
        report("chain job 10 steps 3 recipes deep (\(jobsPerRound) jobs/round)", summary, unit: "µs", target: 20)
    }

    static func runMemory() async throws {
        let (fixture, interpreter, trigger) = try setUp()
        defer { withExtendedLifetime(fixture) {} }
        await runJob(interpreter, trigger, checkSteps: true)
        let before = residentKiB() ?? 0
        var samples: [Int: Int] = [:]
        let checkpoints: Set<Int> = [10_000, 50_000, 100_000]
        let start = ContinuousClock.now
        for job in 1...100_000 {
            await runJob(interpreter, trigger)
            if checkpoints.contains(job) { samples[job] = residentKiB() ?? 0 }
        }
        let elapsed = seconds(ContinuousClock.now - start)
        let mib = { (kib: Int) in Double(kib) / 1024 }
        reportValue("memory rss before jobs", mib(before), unit: "MiB")
        for job in checkpoints.sorted() { reportValue("memory rss after \(job) jobs", mib(samples[job]!), unit: "MiB") }
        reportValue("memory growth 10k->100k jobs", mib(samples[100_000]! - samples[10_000]!), unit: "MiB", target: 2)
        reportValue("memory run 100000 jobs", elapsed * 1e6 / 100_000, unit: "µs/job")
    }
}
