import Foundation
import RecipeEngine
import Synchronization

/// The clock of a test case: it starts at the case's `now` and a sleep (a retry's wait) moves
/// it forward at once, so a case with backoff runs in no time and its timestamps repeat.
final class InstantClock: EngineClock {
    private let current: Mutex<Date>

    init(start: Date) { current = Mutex(start) }

    func now() -> Date { current.withLock { $0 } }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
