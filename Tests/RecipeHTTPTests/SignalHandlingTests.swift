#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Testing
@testable import RecipeHTTP

@Suite struct SignalHandlingTests {
    /// SIGUSR2 stands in for SIGTERM: the process survives and the action runs once.
    @Test func callsTheActionOnceForRepeatedSignals() async throws {
        let calls = Mutex<[Int32]>([])
        let handling = SignalHandling(signals: [SIGUSR2]) { number in calls.withLock { $0.append(number) } }
        // Dispatch registers the source asynchronously; until then the signal is ignored.
        for _ in 0..<500 where calls.withLock({ $0.isEmpty }) {
            kill(getpid(), SIGUSR2)
            try await Task.sleep(for: .milliseconds(10))
        }
        kill(getpid(), SIGUSR2)
        kill(getpid(), SIGUSR2)
        try await Task.sleep(for: .milliseconds(100))
        #expect(calls.withLock { $0 } == [SIGUSR2])
        handling.cancel()
    }
}
