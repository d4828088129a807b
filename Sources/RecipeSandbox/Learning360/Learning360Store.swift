// State of the 360Learning fake: users, tokens, read and write windows per client.
// Follows https://360learning.readme.io/docs/authentication (1-hour tokens) and
// https://360learning.readme.io/docs/copy-of-rate-limiting-errors (50 reads/s, 10 writes/s).
import Foundation
import RecipeData
import Synchronization

/// 360Learning users and tokens behind one lock.
final class Learning360Store: Sendable {
    struct State {
        var users: [Learning360User] = []
        var tokens = TokenBook()
        var reads: RateWindow
        var writes: RateWindow
        var random: SeededRandom

        func index(of id: String) -> Int? { users.firstIndex { $0.id == id } }
    }

    let settings: SandboxConfiguration.Learning360
    let clock: @Sendable () -> Date
    let seed: UInt64
    let state: Mutex<State>

    init(configuration: SandboxConfiguration) {
        self.settings = configuration.learning360
        self.clock = configuration.clock
        self.seed = configuration.seed
        self.state = Mutex(Self.initialState(settings: configuration.learning360, seed: configuration.seed))
    }

    private static func initialState(settings: SandboxConfiguration.Learning360, seed: UInt64) -> State {
        State(
            reads: RateWindow(limit: settings.readsPerSecond, seconds: 1),
            writes: RateWindow(limit: settings.writesPerSecond, seconds: 1), random: SeededRandom(seed: seed ^ 0x360))
    }

    func reset() {
        let fresh = Self.initialState(settings: settings, seed: seed)
        state.withLock { $0 = fresh }
    }

    var users: [Learning360User] { state.withLock { $0.users } }

    func snapshot() -> JSONValue {
        state.withLock { state in
            .object([
                ("userCount", .int(state.users.count)), ("users", .array(state.users.map(\.json))),
                ("tokensIssued", .int(state.tokens.count)),
            ])
        }
    }
}
