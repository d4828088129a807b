/// Whether loop 0 listens for new connections. Accepting pauses when `accept` fails (out of
/// descriptors, say) and resumes at a later sweep. A failed change of the listener's epoll
/// interest is logged and kept as "paused", so the next sweep tries again: the server never
/// silently stops accepting.
struct AcceptGate {
    /// Sets the listener's epoll interest (`.readable` to accept, `[]` to pause).
    typealias SetInterest = (EPoll.Events) throws(SocketError) -> Void

    private(set) var paused = false

    /// Stops listening until `resume` succeeds.
    mutating func pause(_ setInterest: SetInterest, log: (String) -> Void) {
        paused = true
        do {
            try setInterest([])
        } catch {
            // Still registered as readable: the loop wakes for the listener and accepting is
            // tried again, which is what resuming would do anyway.
            log("accept: cannot pause the listener: \(error)")
        }
    }

    /// Listens again after a pause; when re-arming fails, stays paused and says why, so the
    /// next sweep tries again.
    mutating func resume(_ setInterest: SetInterest, log: (String) -> Void) {
        guard paused else { return }
        do {
            try setInterest(.readable)
            paused = false
        } catch {
            log("accept: cannot re-arm the listener (retrying at the next sweep): \(error)")
        }
    }
}
