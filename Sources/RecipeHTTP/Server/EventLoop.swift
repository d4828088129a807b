#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import RecipeHTTPCore

/// One event-loop thread: an epoll instance, an eventfd wake-up and the connections assigned
/// to it. Everything below `run()` happens on the loop's own thread; other threads talk to
/// it only through `post` (a locked inbox plus a wake-up). Loop 0 also accepts connections
/// and spreads them over all loops.
final class EventLoop: @unchecked Sendable {
    enum Message {
        case adopt(FileDescriptor)
        case respond(connection: UInt64, HTTPResponse)
        case drain
    }

    static let listenerKey: UInt64 = 0
    static let wakeupKey: UInt64 = 1

    let index: Int
    let context: ServerContext
    let epoll: EPoll
    let wakeup: Wakeup
    private let inbox = Mutex<[Message]>([])

    // Loop-thread state.
    var connections: [UInt64: LoopConnection] = [:]
    private var nextID: UInt64 = 2
    var draining = false
    private var drainDeadline: UInt64 = .max
    private var nextSweep: UInt64 = 0
    private var acceptGate = AcceptGate()
    private var nextPeer = 0
    private var peers: [EventLoop] = []
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    private var dateSecond = 0
    private(set) var date = ""

    init(index: Int, context: ServerContext) throws(SocketError) {
        self.index = index
        self.context = context
        epoll = try EPoll()
        wakeup = try Wakeup()
        try epoll.add(wakeup.descriptor, key: Self.wakeupKey, events: .readable)
        if index == 0 { try epoll.add(context.listener, key: Self.listenerKey, events: .readable) }
    }

    deinit { readBuffer.deallocate() }

    func nextConnectionID() -> UInt64 {
        defer { nextID += 1 }
        return nextID
    }

    /// Hands a message to the loop from any thread.
    func post(_ message: Message) {
        let wasEmpty = inbox.withLock { queue in
            queue.append(message)
            return queue.count == 1
        }
        if wasEmpty { wakeup.signal() }
    }

    /// Runs until drained after a `.drain` message (or the grace period ends).
    func run() {
        var ready: [EPoll.Event] = []
        ready.reserveCapacity(256)
        let sweepInterval = context.sweepInterval
        while true {
            let now = MonotonicClock.now()
            let wait = nextSweep > now ? Int32(min((nextSweep - now) / 1_000_000 + 1, 1000)) : 0
            do {
                try epoll.wait(into: &ready, timeoutMilliseconds: wait)
            } catch {
                context.log("event loop \(index): \(error)")
                break
            }
            refreshDate()
            for event in ready {
                switch event.key {
                case Self.listenerKey: acceptConnections()
                case Self.wakeupKey: processInbox()
                default: connectionEvent(event)
                }
            }
            let after = MonotonicClock.now()
            if after >= nextSweep {
                sweep(now: after)
                nextSweep = after + sweepInterval
            }
            if draining && (connections.isEmpty || after >= drainDeadline) { break }
        }
        for id in Array(connections.keys) { close(id) }
    }

    private func processInbox() {
        wakeup.drain()
        let messages = inbox.withLock { queue in
            let taken = queue
            queue.removeAll(keepingCapacity: true)
            return taken
        }
        for message in messages {
            switch message {
            case .adopt(let descriptor): adopt(descriptor)
            case .respond(let id, let response):
                guard let connection = connections[id] else { continue }
                let actions = connection.state.responded(response, now: MonotonicClock.now(), date: date)
                perform(actions, on: connection)
            case .drain: beginDrain()
            }
        }
    }

    private func beginDrain() {
        guard !draining else { return }
        draining = true
        drainDeadline = MonotonicClock.now() + context.shutdownGrace
        if index == 0 {
            // Closing the listener removes it from the epoll set as well (epoll(7): a file
            // leaves every set when its last descriptor closes, and the listener is never
            // duplicated), so a failed explicit removal changes nothing.
            try? epoll.remove(context.listener)
            context.listener.close()
        }
        for connection in Array(connections.values) {
            perform(connection.state.drain(), on: connection)
        }
    }

    private func sweep(now: UInt64) {
        if index == 0 && !draining {
            acceptGate.resume(setListenerInterest, log: context.log)
        }
        for connection in Array(connections.values) {
            if let deadline = connection.state.deadline, now >= deadline {
                perform(connection.state.timedOut(now: now, date: date), on: connection)
            }
        }
    }

    private func refreshDate() {
        let second = Int(time(nil))
        if second != dateSecond {
            dateSecond = second
            date = HTTPDate.format(secondsSince1970: second)
        }
    }

    // MARK: Accepting (loop 0)

    private func acceptConnections() {
        for _ in 0..<256 {
            let accepted: FileDescriptor?
            do {
                accepted = try Socket.accept(context.listener)
            } catch {
                // Out of descriptors (EMFILE/ENFILE) and the like: stop until the next sweep.
                context.log("accept: \(error)")
                acceptGate.pause(setListenerInterest, log: context.log)
                return
            }
            guard let descriptor = accepted else { return }
            if context.openConnections.add(1, ordering: .relaxed).newValue > context.limits.maxConnections {
                context.openConnections.subtract(1, ordering: .relaxed)
                refuse(descriptor)
                continue
            }
            if peers.isEmpty { peers = context.loops }
            let target = peers[nextPeer % peers.count]
            nextPeer &+= 1
            if target === self { adopt(descriptor) } else { target.post(.adopt(descriptor)) }
        }
    }

    private func setListenerInterest(_ events: EPoll.Events) throws(SocketError) {
        try epoll.modify(context.listener, key: Self.listenerKey, events: events)
    }

    /// Over the connection cap: best-effort 503 with Retry-After, then close.
    private func refuse(_ descriptor: FileDescriptor) {
        refreshDate()
        let response = HTTPResponseSerializer.overloaded(retryAfter: context.limits.retryAfterSeconds)
        let bytes = HTTPResponseSerializer.serialize(response, omitBody: false, keepAlive: false, date: date)
        // Ignoring a failed write is the point of "best effort": the connection is refused and
        // closed either way; a peer already gone or a full send buffer only loses the courtesy.
        _ = bytes.withUnsafeBytes { try? descriptor.write($0) }
        descriptor.close()
    }
}
