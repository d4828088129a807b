// e. Connector round trips per second against the sandbox: `hibob.get_employee` through the
// shipped connector definition and connection (Basic auth, template rendering, URLSessionClient,
// response mapping) to the sandbox served in process on loopback by RecipeHTTP. Sequential
// (one call at a time: round trips/s, p50/p99 per call) and 16 concurrent callers.
import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine

enum ConnectorBenchmark {
    static let employees = 1_000
    static let sequentialCalls = 2_000
    static let concurrentCallers = 16
    static let concurrentCalls = 4_000
    static let fields: JSONValue = ["root.id", "root.email", "root.firstName", "root.surname", "work.department"]

    struct Sample {
        var perSecond: Double
        var p50: Double
        var p99: Double
    }

    static func run() async throws {
        let fixture = try SandboxFixture(employees: employees)
        let ids = fixture.sandbox.hibobEmployees.map(\.id)
        check(ids.count == employees, "the sandbox has \(ids.count) employees")
        guard let connector = fixture.runtime.registry["hibob"] else { throw SandboxFixture.SetupError(description: "no hibob connection") }
        let setting = "\(employees) employees, \(SandboxFixture.limitsNote)"

        let sequential = try await timedRounds { () async throws -> Sample in
            var latencies: [Double] = []
            latencies.reserveCapacity(sequentialCalls)
            let start = ContinuousClock.now
            for call in 0..<sequentialCalls {
                let began = ContinuousClock.now
                try await roundTrip(connector, id: ids[call % ids.count], call: call)
                latencies.append(seconds(ContinuousClock.now - began) * 1e6)
            }
            let elapsed = seconds(ContinuousClock.now - start)
            return Sample(perSecond: Double(sequentialCalls) / elapsed, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99))
        }
        let label = "connector hibob.get_employee sequential (\(sequentialCalls) calls/round)"
        report("\(label) throughput", Summary(sequential.map(\.perSecond)), unit: "round trips/s", target: nil)
        report("\(label) p50", Summary(sequential.map(\.p50)), unit: "µs", target: nil)
        report("\(label) p99", Summary(sequential.map(\.p99)), unit: "µs", target: nil)

        let concurrent = try await timedRounds { () async throws -> Sample in
            let perCaller = concurrentCalls / concurrentCallers
            let start = ContinuousClock.now
            let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
                for caller in 0..<concurrentCallers {
                    group.addTask {
                        var latencies: [Double] = []
                        latencies.reserveCapacity(perCaller)
                        for index in 0..<perCaller {
                            let call = caller * perCaller + index
                            let began = ContinuousClock.now
                            try await roundTrip(connector, id: ids[call % ids.count], call: call)
                            latencies.append(seconds(ContinuousClock.now - began) * 1e6)
                        }
                        return latencies
                    }
                }
                var all: [Double] = []
                for try await part in group { all += part }
                return all
            }
            let elapsed = seconds(ContinuousClock.now - start)
            check(latencies.count == perCaller * concurrentCallers, "lost calls")
            return Sample(perSecond: Double(latencies.count) / elapsed, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99))
        }
        let concurrentLabel = "connector hibob.get_employee \(concurrentCallers) concurrent callers (\(concurrentCalls) calls/round)"
        report("\(concurrentLabel) throughput", Summary(concurrent.map(\.perSecond)), unit: "round trips/s", target: nil)
        report("\(concurrentLabel) p50", Summary(concurrent.map(\.p50)), unit: "µs", target: nil)
        report("\(concurrentLabel) p99", Summary(concurrent.map(\.p99)), unit: "µs", target: nil)
        let answered = fixture.sandbox.requestCounts(for: .hibob)
        let expected = (sequentialCalls + concurrentCalls) * (benchmarkRounds + 1)
        check(answered[200] == expected && answered.count == 1, "the sandbox answered \(answered), expected \(expected) × 200")
        print("connector setting: \(setting); URLSessionClient.shared (6 connections per host); sandbox answered \(expected) × 200")
        fflush(nil)
        await fixture.stop()
    }

    /// One `get_employee` call; checks the answer is the employee asked for.
    @inline(__always)
    static func roundTrip(_ connector: any Connector, id: String, call: Int) async throws {
        let output = try await connector.perform(
            ActionRequest(
                connection: "hibob", action: "get_employee", input: ["id": .string(id), "fields": fields],
                jobID: "bench", path: StepPath([])))
        guard output["id"] == .string(id), output["email"]?.stringValue != nil else {
            fatalError("get_employee \(id) answered \(output.jsonString())")
        }
    }
}
