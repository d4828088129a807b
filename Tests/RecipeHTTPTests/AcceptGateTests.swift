@testable import RecipeHTTP
import Testing

/// Re-arming the listener after a pause: a failure is logged and retried, never dropped.
struct AcceptGateTests {
    struct Refused: Error {}

    /// (whether each epoll change succeeds, in order, for pause then resumes; paused after each
    /// step; lines logged)
    @Test(arguments: [
        ([true, true], [true, false], 0),
        ([true, false, true], [true, true, false], 1),
        ([true, false, false, true], [true, true, true, false], 2),
        ([false, true], [true, false], 1),
    ])
    func resumingRetriesUntilTheListenerIsRearmed(_ outcomes: [Bool], _ pausedAfter: [Bool], _ logged: Int) {
        var gate = AcceptGate()
        var remaining = outcomes
        var requested: [EPoll.Events] = []
        var log: [String] = []
        let set: AcceptGate.SetInterest = { (events) throws(SocketError) in
            requested.append(events)
            if !remaining.removeFirst() { throw SocketError("epoll_ctl(MOD)", code: 9) }
        }
        var states: [Bool] = []
        gate.pause(set, log: { log.append($0) })
        states.append(gate.paused)
        while !remaining.isEmpty {
            gate.resume(set, log: { log.append($0) })
            states.append(gate.paused)
        }
        #expect(states == pausedAfter)
        #expect(log.count == logged, "\(log)")
        #expect(requested == [[]] + Array(repeating: EPoll.Events.readable, count: outcomes.count - 1))
        // Once re-armed, a sweep changes nothing.
        gate.resume(set, log: { log.append($0) })
        #expect(requested.count == outcomes.count)
    }
}
