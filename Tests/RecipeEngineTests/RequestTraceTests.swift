import Foundation
import RecipeData
import RecipeEngine
import RecipeModel
import RecipeTestSupport
import Synchronization
import Testing

/// A connector that reports one request per call, like the HTTP connectors do.
final class ReportingConnector: TracingConnector {
    let failFirst: Bool
    let calls = Mutex(0)

    init(failFirst: Bool) { self.failFirst = failFirst }

    func perform(_ request: ActionRequest) async throws -> JSONValue { try await performTraced(request).output.get() }

    func performTraced(_ request: ActionRequest) async -> (output: Result<JSONValue, ConnectorError>, requests: [JSONValue]) {
        let call = calls.withLock { count in
            count += 1
            return count
        }
        let status = failFirst && call == 1 ? 503 : 200
        let requests: [JSONValue] = [["method": "GET", "url": "https://vendor.example/x?token=tok-SECRET-1", "status": .int(status)]]
        if status == 503 { return (.failure(ConnectorError(.http, "busy", status: 503)), requests) }
        return (.success(["ok": true]), requests)
    }
}

struct RequestTraceTests {
    @Test func everyHTTPRequestOfEveryAttemptIsInTheStepRecordRedacted() async throws {
        var harness = try EngineHarness([
            "call": """
                {"name": "Call", "trigger": {"manual": {}},
                 "steps": [{"id": "get", "action": "x", "connection": "vendor", "input": {}, "retry": {"retries": 1, "delay": "1s"}}]}
                """
        ])
        harness.connectors["vendor"] = ReportingConnector(failFirst: true)
        var interpreter = harness.interpreter
        interpreter.redactor = SecretHider(secret: "tok-SECRET-1")
        let record = await interpreter.run(RecipeID(folder: "t", name: "call"), trigger: [:])
        #expect(record.status == .succeeded)
        let requests = try #require(record.step("get")?.requests)
        #expect(requests.map { $0["status"] } == [503, 200])
        #expect(requests.allSatisfy { $0["url"] == "https://vendor.example/x?token=[redacted]" })
        #expect(record.jsonValue.jsonString().contains("\"requests\""))
    }
}
