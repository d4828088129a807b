// A vendor's Retry-After value (RFC 9110 §10.2.3: delay-seconds or an HTTP-date) through
// everything that turns it into a wait: the parser, the client's retry decision for 429 and
// 503, the connection's rate-limit bucket pause and the next reservation after it, and the
// error the interpreter sees. Any text must give a bounded wait or none, never a trap.
import Foundation
import FuzzSupport
import RecipeEngine
import RecipeTestSupport
@testable import RecipeConnectors

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    let clock = ManualClock()  // sleeping moves time forward, without waiting
    guard let wait = RetryAfter.parse(text, now: clock.now()) else { return 0 }
    require(wait >= .zero && wait <= ConnectorError.retryAfterCeiling, "wait \(wait) from '\(text)' is outside 0...ceiling")
    let policy = RetryPolicy(settings: RetrySettings())
    for status in [429, 503] {
        for attempt in [1, 5] {
            let outcome = AttemptOutcome.status(status, retryAfter: wait)
            if case .retry(let delay, let reason) = policy.decide(outcome, attempt: attempt, retrySafe: true, idempotent: true, waited: .seconds(30)) {
                require(delay <= policy.settings.maxRetryAfter, "waits \(delay) for '\(text)' (\(reason))")
            }
        }
    }
    let bucket = TokenBucket(RateLimit(requests: 10, per: .seconds(1)), clock: clock)
    bucket.pause(for: wait)
    require(bucket.reserve() <= ConnectorError.retryAfterCeiling, "the bucket waits past the ceiling for '\(text)'")
    return 0
}
