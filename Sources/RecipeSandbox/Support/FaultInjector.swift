import Foundation
import RecipeData
import RecipeHTTPCore
import Synchronization

/// Faults one vendor shows: random error and drop rates, added latency, forced drops and a
/// queue of forced answers.
///
/// Per request, in order: a forced drop (`dropNext`), a forced answer (`forced`), a random drop
/// (`dropRate`), a random refusal (`throttleRate`), a random error (`errorRate`), else the fake
/// answers. A dropped request gets
/// `HTTPResponse.dropConnection`: the server closes the connection without answering.
public struct FaultSettings: Sendable, Equatable {
    /// Probability (0...1) that a request answers 500 or 503, drawn from the seeded generator.
    public var errorRate: Double = 0
    /// Probability (0...1) that a request is refused with 429 and `Retry-After: 1`, as a vendor
    /// over its rate limit does (nothing processed), drawn from the seeded generator.
    public var throttleRate: Double = 0
    /// Added before answering (or dropping), in milliseconds.
    public var latencyMilliseconds: Int = 0
    /// Answered first, in order, before any other fault or the fake itself.
    public var forced: [ForcedStatus] = []
    /// Probability (0...1) that the connection is dropped without an answer, drawn from the
    /// seeded generator (so the same run drops the same requests).
    public var dropRate: Double = 0
    /// The next this-many requests are dropped, before any other fault.
    public var dropNext: Int = 0
    /// The next this-many requests wait `stallMilliseconds` (on top of the latency) before
    /// being handled: a client with a shorter timeout gives up on them, later ones go through.
    public var stallNext: Int = 0
    public var stallMilliseconds: Int = 0

    public init(
        errorRate: Double = 0, latencyMilliseconds: Int = 0, forced: [ForcedStatus] = [], dropRate: Double = 0,
        dropNext: Int = 0, stallNext: Int = 0, stallMilliseconds: Int = 0, throttleRate: Double = 0
    ) {
        self.errorRate = errorRate
        self.throttleRate = throttleRate
        self.latencyMilliseconds = latencyMilliseconds
        self.forced = forced
        self.dropRate = dropRate
        self.dropNext = dropNext
        self.stallNext = stallNext
        self.stallMilliseconds = stallMilliseconds
    }
}

/// "The next `count` requests answer `status`", optionally with `Retry-After`.
public struct ForcedStatus: Sendable, Equatable {
    public var status: Int
    public var count: Int
    public var retryAfter: Int?

    public init(status: Int, count: Int = 1, retryAfter: Int? = nil) {
        self.status = status
        self.count = count
        self.retryAfter = retryAfter
    }
}

/// Decides, per request, whether a vendor misbehaves. Deterministic: the error and drop rates
/// draw from one generator seeded by the sandbox seed, so the same run fails the same
/// requests. A rate of 0 draws nothing.
final class FaultInjector: Sendable {
    private struct State {
        var settings: [SandboxVendor: FaultSettings] = [:]
        var random: SeededRandom
    }

    private let state: Mutex<State>
    private let seed: UInt64

    init(seed: UInt64) {
        self.seed = seed
        self.state = Mutex(State(random: SeededRandom(seed: seed ^ 0xFA17)))
    }

    func settings(for vendor: SandboxVendor) -> FaultSettings {
        state.withLock { $0.settings[vendor] ?? FaultSettings() }
    }

    func set(_ settings: FaultSettings, for vendor: SandboxVendor) {
        state.withLock { $0.settings[vendor] = settings }
    }

    /// Clears every fault and restarts the generator.
    func reset() {
        state.withLock { $0 = State(random: SeededRandom(seed: seed ^ 0xFA17)) }
    }

    /// The latency to add and, when the request must fail, the answer to give instead.
    func decide(for vendor: SandboxVendor) -> (latency: Int, response: HTTPResponse?) {
        state.withLock { state in
            var settings = state.settings[vendor] ?? FaultSettings()
            defer { state.settings[vendor] = settings }
            // Clamped again here for settings made in code (the HTTP endpoint refuses larger ones).
            let latency = min(max(0, settings.latencyMilliseconds), FaultSettings.maxLatencyMilliseconds)
            if settings.stallNext > 0 {
                settings.stallNext -= 1
                return (latency + min(max(0, settings.stallMilliseconds), FaultSettings.maxStallMilliseconds), nil)
            }
            if settings.dropNext > 0 {
                settings.dropNext -= 1
                return (latency, .dropConnection)
            }
            if let first = settings.forced.first {
                if first.count > 1 { settings.forced[0].count -= 1 } else { settings.forced.removeFirst() }
                return (latency, Self.failure(first.status, retryAfter: first.retryAfter))
            }
            if settings.dropRate > 0, state.random.chance(settings.dropRate) {
                return (latency, .dropConnection)
            }
            if settings.throttleRate > 0, state.random.chance(settings.throttleRate) {
                return (latency, Self.failure(429, retryAfter: 1))
            }
            if settings.errorRate > 0, state.random.chance(settings.errorRate) {
                let status = state.random.chance(0.5) ? 500 : 503
                return (latency, Self.failure(status, retryAfter: status == 503 ? 1 : nil))
            }
            return (latency, nil)
        }
    }

    private static func failure(_ status: Int, retryAfter: Int?) -> HTTPResponse {
        // A status set in code outside `ForcedStatus.statuses` would write an invalid status line.
        let status = ForcedStatus.statuses.contains(status) ? status : 500
        var response = HTTPResponse.json(
            ["error": "sandbox injected fault", "status": .int(status)], status: status)
        if let retryAfter { response.headers.set("Retry-After", String(retryAfter)) }
        return response
    }
}
