// State of the Greenhouse Harvest fake: users, jobs, candidates, applications, notes.
// Follows https://developers.greenhouse.io/harvest.html (integer ids; application status
// active/rejected/hired; Harvest limit per 10-second window).
import Foundation
import RecipeData
import Synchronization

/// Greenhouse data behind one lock.
final class GreenhouseStore: Sendable {
    struct State {
        var users: [GreenhouseUser] = []
        var jobs: [Int: GreenhouseJob] = [:]
        var candidates: [Int: GreenhouseCandidate] = [:]
        var applications: [Int: GreenhouseApplication] = [:]
        var notes: [GreenhouseNote] = []
        var nextCandidateID = 0
        var nextApplicationID = 0
        var nextNoteID = 900_000
        var eventCount = 0
        var window: RateWindow
    }

    let settings: SandboxConfiguration.Greenhouse
    let clock: @Sendable () -> Date
    let generator: CompanyGenerator
    let state: Mutex<State>

    init(configuration: SandboxConfiguration, generator: CompanyGenerator) {
        self.settings = configuration.greenhouse
        self.clock = configuration.clock
        self.generator = generator
        self.state = Mutex(Self.initialState(settings: configuration.greenhouse, generator: generator))
    }

    private static func initialState(settings: SandboxConfiguration.Greenhouse, generator: CompanyGenerator) -> State {
        let data = generator.makeRecruiting()
        var state = State(window: RateWindow(limit: settings.requestsPerWindow, seconds: settings.windowSeconds))
        state.users = data.users
        for job in data.jobs { state.jobs[job.id] = job }
        for candidate in data.candidates { state.candidates[candidate.id] = candidate }
        for application in data.applications { state.applications[application.id] = application }
        state.nextCandidateID = (data.candidates.map(\.id).max() ?? 200_000) + 1
        state.nextApplicationID = (data.applications.map(\.id).max() ?? 260_000) + 1
        return state
    }

    func reset() {
        let fresh = Self.initialState(settings: settings, generator: generator)
        state.withLock { $0 = fresh }
    }

    var jobs: [GreenhouseJob] { state.withLock { $0.jobs.values.sorted { $0.id < $1.id } } }
    var candidates: [GreenhouseCandidate] { state.withLock { $0.candidates.values.sorted { $0.id < $1.id } } }
    var applications: [GreenhouseApplication] { state.withLock { $0.applications.values.sorted { $0.id < $1.id } } }
    var users: [GreenhouseUser] { state.withLock { $0.users } }
    var notes: [GreenhouseNote] { state.withLock { $0.notes } }

    func snapshot() -> JSONValue {
        state.withLock { state in
            let render = GreenhouseRendering(state: state)
            return .object([
                ("users", .array(state.users.map(render.user))),
                ("jobs", .array(state.jobs.values.sorted { $0.id < $1.id }.map(render.job))),
                ("candidateCount", .int(state.candidates.count)),
                ("candidates", .array(state.candidates.values.sorted { $0.id < $1.id }.map(render.candidate))),
                ("notes", .array(state.notes.map(render.note))),
            ])
        }
    }
}
