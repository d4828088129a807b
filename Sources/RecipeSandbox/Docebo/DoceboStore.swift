// State of the Docebo fake: users, OAuth2 tokens, the hourly call window.
// Follows https://help.docebo.com/hc/it/articles/360020082060-APIs-Authentication (tokens 3600 s) and
// https://help.docebo.com/hc/de/articles/360020126999-Introduction-to-Docebo-APIs (1,000 calls/hour).
import Foundation
import RecipeData
import Synchronization

/// Docebo users and tokens behind one lock.
final class DoceboStore: Sendable {
    struct State {
        var users = DoceboDirectory()
        var nextID = 12_301
        var tokens = TokenBook()
        var window: RateWindow
        var random: SeededRandom

        var ordered: [DoceboUser] { users.ordered }

        func user(named username: String) -> DoceboUser? { users.user(named: username) }
    }

    let settings: SandboxConfiguration.Docebo
    let clock: @Sendable () -> Date
    let seed: UInt64
    let state: Mutex<State>

    init(configuration: SandboxConfiguration) {
        self.settings = configuration.docebo
        self.clock = configuration.clock
        self.seed = configuration.seed
        self.state = Mutex(Self.initialState(settings: configuration.docebo, seed: configuration.seed, now: configuration.clock()))
    }

    private static func initialState(settings: SandboxConfiguration.Docebo, seed: UInt64, now: Date) -> State {
        var state = State(
            window: RateWindow(limit: settings.callsPerHour, seconds: 3600), random: SeededRandom(seed: seed ^ 0xD0CE))
        let admin = DoceboUser(
            id: state.nextID, username: settings.username, email: "lms-admin@acme.example", firstName: "Sandbox",
            lastName: "Admin", status: 1, level: "superadmin", creationDate: SandboxDate.timestamp(now),
            expiration: nil, language: "english")
        state.users[admin.id] = admin
        state.nextID += 1
        return state
    }

    func reset() {
        let fresh = Self.initialState(settings: settings, seed: seed, now: clock())
        state.withLock { $0 = fresh }
    }

    var users: [DoceboUser] { state.withLock { $0.ordered } }

    /// `search_text` results in id order (all users for an empty text).
    func users(matching text: String) -> [DoceboUser] { state.withLock { $0.users.search(text) } }

    func snapshot() -> JSONValue {
        state.withLock { state in
            .object([
                ("userCount", .int(state.users.count)), ("users", .array(state.ordered.map(\.json))),
                ("tokensIssued", .int(state.tokens.count)),
            ])
        }
    }
}
