import Foundation
import RecipeConnectors
import RecipeData
import RecipeHTTPCore
import RecipeTestSupport
import Testing

/// Token buckets with a fake clock: bursts pass, then callers wait exactly as long as the
/// rate says; a vendor's 429 pauses the bucket for everyone.
struct RateLimitTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let limit: RateLimit
        let calls: Int
        let waits: [Duration]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "within the burst", limit: RateLimit(requests: 10, per: .seconds(1), burst: 3), calls: 3, waits: [.zero, .zero, .zero]),
        Case(
            name: "beyond the burst", limit: RateLimit(requests: 10, per: .seconds(1), burst: 2), calls: 4,
            waits: [.zero, .zero, .milliseconds(100), .milliseconds(100)]),
        Case(
            name: "HiBob search, 50 a minute", limit: RateLimit(requests: 50, per: .seconds(60), burst: 1), calls: 3,
            waits: [.zero, .milliseconds(1200), .milliseconds(1200)]),
    ]

    @Test(arguments: cases)
    func callersWaitForTheirToken(_ c: Case) async throws {
        let clock = ManualClock()
        let bucket = TokenBucket(c.limit, clock: clock)
        var waits: [Duration] = []
        // Each caller sleeps on the fake clock (advancing it) before the next one asks.
        for _ in 0..<c.calls { waits.append(try await bucket.acquire()) }
        #expect(waits.map(Self.ms) == c.waits.map(Self.ms))
        #expect(clock.sleeps.map(Self.ms) == c.waits.filter { $0 > .zero }.map(Self.ms))
    }

    static func ms(_ duration: Duration) -> Int {
        let (seconds, atto) = duration.components
        return Int((Double(seconds) * 1000 + Double(atto) / 1e15).rounded())
    }

    @Test func reservationsQueueConcurrentCallers() async throws {
        let clock = ManualClock()
        let bucket = TokenBucket(RateLimit(requests: 10, per: .seconds(1), burst: 1), clock: clock)
        // Three callers at the same instant: the second waits one interval, the third two.
        let waits = try await withThrowingTaskGroup(of: Duration.self) { group in
            for _ in 0..<3 { group.addTask { try await bucket.acquire() } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(waits.map(Self.ms).sorted().first == 0)
        #expect(waits.map(Self.ms).reduce(0, +) >= 200)
    }

    @Test func tokensRefillWithTime() async throws {
        let clock = ManualClock()
        let bucket = TokenBucket(RateLimit(requests: 1, per: .seconds(1), burst: 1), clock: clock)
        #expect(try await bucket.acquire() == .zero)
        clock.advance(by: 1)
        #expect(try await bucket.acquire() == .zero)
        #expect(try await bucket.acquire() == .seconds(1))
    }

    @Test func vendorPushbackPausesTheBucket() async throws {
        let clock = ManualClock()
        let bucket = TokenBucket(RateLimit(requests: 100, per: .seconds(1), burst: 100), clock: clock)
        bucket.pause(for: .seconds(5))
        #expect(try await bucket.acquire() == .seconds(5))
        #expect(try await bucket.acquire() == .zero)
    }

    @Test func connectorRequestsArePacedByTheDefinitionLimit() async throws {
        // Reachdesk: 5 requests a second, bursts of 5; the sixth call waits 200 ms.
        let harness = try ConnectorHarness()
        for _ in 0..<6 { _ = try await harness.perform("reachdesk", "get_recipient", ["externalId": "1"]) }
        #expect(harness.clock.sleeps == [.milliseconds(200)])
        #expect(harness.attempts.last?.throttled == .milliseconds(200))
    }

    @Test func a429PausesOtherRequestsOfTheConnection() async throws {
        let vendor = RecordingVendor { _, index in
            index == 0 ? .json([:], status: 429, headers: ["Retry-After": "3"]) : .json(["ok": true])
        }
        let harness = try ConnectorHarness(vendor: vendor)
        _ = try await harness.perform("recruit", "get_opening_by_external_id", ["externalId": "o"])
        // The retry slept 3 s (Retry-After); the bucket was paused as long, so no extra wait.
        #expect(harness.clock.sleeps == [.seconds(3)])
    }
}
