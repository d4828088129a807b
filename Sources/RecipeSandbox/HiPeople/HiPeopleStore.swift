// State of the HiPeople fake (docs/assumed-apis.md "HiPeople"): roles linked to Greenhouse
// jobs, candidates keyed by (ats_candidate_id, role_id), assessments and reference checks
// with their idempotency keys.
import Foundation
import RecipeData
import Synchronization

/// HiPeople data behind one lock.
final class HiPeopleStore: Sendable {
    struct State {
        var roles: [JSONObject] = []
        var candidates: [JSONObject] = []
        /// Assessments and reference checks, told apart by `kind`.
        var requests: [JSONObject] = []
        /// "candidateId|kind|key" → request id.
        var idempotency: [String: String] = [:]
        var nextID = 1
        var window: RateWindow

        func candidateIndex(_ id: String) -> Int? { candidates.firstIndex { $0["id"]?.stringValue == id } }
        func requestIndex(_ id: String) -> Int? { requests.firstIndex { $0["id"]?.stringValue == id } }
    }

    let settings: SandboxConfiguration.HiPeople
    let clock: @Sendable () -> Date
    let jobs: @Sendable () -> [GreenhouseJob]
    let state: Mutex<State>

    init(configuration: SandboxConfiguration, jobs: @escaping @Sendable () -> [GreenhouseJob]) {
        self.settings = configuration.hipeople
        self.clock = configuration.clock
        self.jobs = jobs
        self.state = Mutex(Self.initialState(settings: configuration.hipeople, jobs: jobs()))
    }

    /// One role per open Greenhouse job, every other one linked (`ats_job_id`) to its job.
    private static func initialState(settings: SandboxConfiguration.HiPeople, jobs: [GreenhouseJob]) -> State {
        var state = State(window: RateWindow(limit: settings.requestsPerSecond, seconds: 1))
        for (index, job) in jobs.filter({ $0.status == "open" }).enumerated() {
            var role = JSONObject()
            role["id"] = .string("role_\(index + 1)")
            role["name"] = .string(job.name)
            role["ats_job_id"] = index % 2 == 0 ? .string(String(job.id)) : nil
            state.roles.append(role)
        }
        return state
    }

    /// Every candidate, in creation order.
    var candidates: [JSONObject] { state.withLock { $0.candidates } }
    /// Every assessment and reference check (`kind` tells them apart), in creation order.
    var requests: [JSONObject] { state.withLock { $0.requests } }

    func reset() {
        let fresh = Self.initialState(settings: settings, jobs: jobs())
        state.withLock { $0 = fresh }
    }

    func snapshot() -> JSONValue {
        state.withLock { state in
            .object([
                ("roles", .array(state.roles.map(JSONValue.object))),
                ("candidates", .array(state.candidates.map(JSONValue.object))),
                // Not "requests": `Sandbox.state(of:)` puts its request counters there.
                ("assessmentsAndReferenceChecks", .array(state.requests.map(JSONValue.object))),
            ])
        }
    }

    /// Completes a reference check and returns the webhook HiPeople would send.
    func completeReferenceCheck(_ id: String) throws(SandboxError) -> HiPeopleEvent {
        try state.withLock { state throws(SandboxError) in
            guard let index = state.requestIndex(id), state.requests[index]["kind"]?.stringValue == "reference_check"
            else { throw .unknownReferenceCheck(id) }
            let report = "https://app.hipeople.example/reports/\(id).pdf"
            state.requests[index]["status"] = "completed"
            state.requests[index]["completed_at"] = .string(SandboxDate.timestamp(clock()))
            state.requests[index]["report_url"] = .string(report)
            let candidateID = state.requests[index]["candidate_id"]?.stringValue ?? ""
            let ats = state.candidateIndex(candidateID).flatMap { state.candidates[$0]["ats_candidate_id"] } ?? .null
            return HiPeopleEvent(
                event: "reference_check.completed",
                data: .object([
                    ("reference_check_id", .string(id)), ("candidate_id", .string(candidateID)),
                    ("ats_candidate_id", ats), ("report_url", .string(report)),
                ]))
        }
    }
}
