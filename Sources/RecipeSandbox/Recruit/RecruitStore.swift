// State of the Recruit fake (assumed API, docs/assumed-apis.md "Recruit").
import Foundation
import RecipeData
import Synchronization

/// Recruit positions and openings behind one lock.
final class RecruitStore: Sendable {
    struct State {
        var positions: [JSONObject] = []
        var openings: [JSONObject] = []
        var nextID = 1
        var window: RateWindow

        func position(externalID: String) -> JSONObject? {
            positions.first { $0["externalId"]?.stringValue == externalID }
        }

        func openingIndex(id: String) -> Int? { openings.firstIndex { $0["id"]?.stringValue == id } }
    }

    let settings: SandboxConfiguration.Bearer
    let clock: @Sendable () -> Date
    let state: Mutex<State>

    init(configuration: SandboxConfiguration) {
        self.settings = configuration.recruit
        self.clock = configuration.clock
        self.state = Mutex(State(window: RateWindow(limit: configuration.recruit.requestsPerSecond, seconds: 1)))
    }

    func reset() {
        let fresh = State(window: RateWindow(limit: settings.requestsPerSecond, seconds: 1))
        state.withLock { $0 = fresh }
    }

    var positions: [JSONObject] { state.withLock { $0.positions } }
    var openings: [JSONObject] { state.withLock { $0.openings } }

    func snapshot() -> JSONValue {
        state.withLock { state in
            .object([
                ("positions", .array(state.positions.map(JSONValue.object))),
                ("openings", .array(state.openings.map(JSONValue.object))),
            ])
        }
    }
}
