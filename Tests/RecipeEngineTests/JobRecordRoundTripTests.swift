import Foundation
import RecipeData
import RecipeEngine
import RecipeModel
import RecipeTestSupport
import Synchronization
import Testing

/// Job records read back from the JSON the store will keep: the same record, or an error
/// naming the bad member.
struct JobRecordRoundTripTests {
    static let recipes = [
        "main": """
            {"name": "Main", "trigger": {"manual": {}},
             "steps": [{"id": "each", "foreach": "trigger.items", "steps": [
                          {"id": "create", "action": "create_user", "connection": "docebo", "input": {"n": "{{ item }}"},
                           "onError": [{"id": "note", "set": {"why": "{{ error.message }}"}}]}]},
                       {"id": "sub", "call": "helper", "input": {"x": 1}},
                       {"id": "later", "call": "helper", "async": true, "input": {"x": 2}},
                       {"id": "mail", "notify": {"to": "ops@example.com", "subject": "done"}},
                       {"id": "end", "stop": {"status": "failed", "message": "planned"}}]}
            """,
        "helper": """
            {"name": "Helper", "trigger": {"function": {"parameters": {"x": "integer"}}},
             "steps": [{"id": "double", "set": {"y": "{{ input.x * 2 }}"}}]}
            """,
    ]

    static func ranJob() async throws -> JobRecord {
        var harness = try EngineHarness(recipes)
        let calls = Mutex(0)
        harness.connectors["docebo"] = FunctionConnector([
            "create_user": { request in
                let call = calls.withLock { count in
                    count += 1
                    return count
                }
                if call == 2 { throw ConnectorError(.http, "taken", status: 409, details: ["code": "exists"]) }
                return ["user_id": .int(call)]
            }
        ])
        return await harness.run("main", ["items": [1, 2, 3]])
    }

    @Test func aRecordReadsBackAsTheSameRecord() async throws {
        let record = try await Self.ranJob()
        #expect(record.status == .failed && record.children.count == 1)
        #expect(record.steps.contains { $0.status == .handled } && record.steps.contains { $0.callDepth == 1 })
        let json = record.jsonValue
        let decoded = try JobRecord(json: json)
        // Timestamps are kept to the millisecond, so the job's duration may move by that much.
        #expect(Self.withoutJobDuration(decoded.jsonValue) == Self.withoutJobDuration(json))
        #expect(JobRecord.jsonFixedPoint(decoded))
        #expect(decoded.steps.map(\.path) == record.steps.map(\.path))
        #expect(decoded.error == JobError(type: .stopped, message: "planned", recipe: "t/main", step: nil))
        #expect(decoded.contentHash == record.contentHash)
    }

    static func withoutJobDuration(_ value: JSONValue) -> JSONValue {
        guard case .object(var object) = value else { return value }
        object["durationMs"] = nil
        if let children = object["children"]?.arrayValue { object["children"] = .array(children.map(withoutJobDuration)) }
        return .object(object)
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let edit: @Sendable (inout JSONObject) -> Void
        let error: String
    }

    static let badCases = [
        BadCase(testDescription: "unknown status", edit: { $0["status"] = "done" }, error: "job.status: 'done' is not a known value"),
        BadCase(testDescription: "no id", edit: { $0["id"] = nil }, error: "job.id: must be a string"),
        BadCase(
            testDescription: "bad timestamp", edit: { $0["startedAt"] = "2026-02-30T00:00:00.000Z" },
            error: "job.startedAt: must be a timestamp like 2026-11-23T18:46:34.120Z"),
        BadCase(
            testDescription: "bad step path",
            edit: { object in
                var steps = object["steps"]?.arrayValue ?? []
                if case .object(var first) = steps[0] {
                    first["path"] = "no hash here"
                    steps[0] = .object(first)
                }
                object["steps"] = .array(steps)
            }, error: "job.steps[0].path: is not a step path"),
        BadCase(
            testDescription: "unknown error type", edit: { $0["error"] = ["type": "oops", "message": "m", "retryable": false] },
            error: "job.error.type: 'oops' is not a known value"),
        BadCase(testDescription: "steps not an array", edit: { $0["steps"] = 3 }, error: "job.steps: must be an array"),
    ]

    @Test(arguments: badCases)
    func aMalformedRecordNamesTheBadMember(_ example: BadCase) async throws {
        guard case .object(var object) = try await Self.ranJob().jsonValue else { return }
        example.edit(&object)
        #expect(throws: JobRecordFormatError.self) { try JobRecord(json: .object(object)) }
        do {
            _ = try JobRecord(json: .object(object))
        } catch {
            #expect(error.description == example.error)
        }
    }

    static let paths: [(String, StepPath?)] = [
        ("t/main#create", StepPath([.init(recipe: "t/main", step: "create")])),
        ("t/main#create[3]", StepPath([.init(recipe: "t/main", step: "create", iterations: [3])])),
        (
            "t/main#each[1][0] > t/helper#double",
            StepPath([.init(recipe: "t/main", step: "each", iterations: [1, 0]), .init(recipe: "t/helper", step: "double")])
        ),
        ("no hash", nil), ("t/main#", nil), ("#step", nil), ("t/main#s[x]", nil), ("t/main#s[-1]", nil), ("t/main#s[1", nil),
    ]

    @Test(arguments: paths)
    func stepPathsParseWhatTheyPrint(_ text: String, _ expected: StepPath?) {
        #expect(StepPath(parsing: text) == expected)
        if let expected { #expect(expected.description == text) }
    }

    static let timestamps: [(String, TimeInterval?)] = [
        ("2026-11-23T18:46:34.120Z", 1_795_459_594.12), ("1970-01-01T00:00:00.000Z", 0),
        ("2024-02-29T00:00:00.000Z", 1_709_164_800), ("2026-02-29T00:00:00.000Z", nil), ("2026-11-23T24:00:00.000Z", nil),
        ("2026-11-23T18:46:34Z", nil), ("2026-11-23 18:46:34.120Z", nil), ("2026-1x-23T18:46:34.120Z", nil),
    ]

    @Test(arguments: timestamps)
    func timestampsParseWhatTheyPrint(_ text: String, _ seconds: TimeInterval?) {
        let date = Timestamp.date(iso8601: text)
        #expect(date.map { ($0.timeIntervalSince1970 * 1000).rounded() } == seconds.map { ($0 * 1000).rounded() })
        if let date { #expect(Timestamp.iso8601(date) == text) }
    }

    @Test func aJobRecordsTheHashOfTheContentItRan() async throws {
        let first = await (try EngineHarness(Self.recipes)).run("helper", ["x": 1])
        let same = await (try EngineHarness(Self.recipes)).run("helper", ["x": 1])
        var edited = Self.recipes
        edited["helper"] = edited["helper"]?.replacingOccurrences(of: "* 2", with: "* 3")
        let changed = await (try EngineHarness(edited)).run("helper", ["x": 1])
        let hash = try #require(first.contentHash)
        #expect(hash.count == 64 && hash.allSatisfy(\.isHexDigit))
        #expect(same.contentHash == hash)
        #expect(changed.contentHash != hash)
    }
}

extension JobRecord {
    /// Encoding a decoded record and decoding it again changes nothing.
    static func jsonFixedPoint(_ record: JobRecord) -> Bool {
        (try? JobRecord(json: record.jsonValue).jsonValue) == record.jsonValue
    }
}
