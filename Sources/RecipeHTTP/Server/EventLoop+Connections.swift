#if canImport(Glibc)
import Glibc
import RecipeHTTPCore
#endif

/// A connection as the loop holds it: the socket, the pure state machine and pending output.
final class LoopConnection {
    let id: UInt64
    let descriptor: FileDescriptor
    var state: HTTPConnectionState
    var output: [UInt8] = []
    var written = 0
    var interest: EPoll.Events = .readable

    init(id: UInt64, descriptor: FileDescriptor, state: HTTPConnectionState) {
        self.id = id
        self.descriptor = descriptor
        self.state = state
    }
}

extension EventLoop {
    func adopt(_ descriptor: FileDescriptor) {
        let id = nextConnectionID()
        do {
            try Socket.setNoDelay(descriptor)
            try epoll.add(descriptor, key: id, events: .readable)
        } catch {
            context.log("adopt: \(error)")
            descriptor.close()
            context.openConnections.subtract(1, ordering: .relaxed)
            return
        }
        let connection = LoopConnection(
            id: id, descriptor: descriptor, state: HTTPConnectionState(limits: context.limits, now: MonotonicClock.now()))
        connections[id] = connection
        if draining { perform(connection.state.drain(), on: connection) }
    }

    func connectionEvent(_ event: EPoll.Event) {
        guard let connection = connections[event.key] else { return }
        if event.events.contains(.readable) && connection.state.wantsRead {
            read(connection)
        } else if !event.events.isDisjoint(with: .hangUp) && !event.events.contains(.writable) {
            close(connection.id)
            return
        }
        if event.events.contains(.writable), connections[connection.id] != nil {
            flush(connection)
        }
        updateInterest(connection)
    }

    private func read(_ connection: LoopConnection) {
        let result: IOResult
        do {
            result = try connection.descriptor.read(into: readBuffer)
        } catch {
            close(connection.id)
            return
        }
        switch result {
        case .transferred(let count):
            let actions = connection.state.received(
                UnsafeRawBufferPointer(rebasing: readBuffer[..<count]), now: MonotonicClock.now(), date: date)
            perform(actions, on: connection)
        case .endOfStream:
            perform(connection.state.peerClosed(), on: connection)
        case .wouldBlock:
            break
        }
    }

    /// Carries out state-machine actions, in order.
    func perform(_ actions: [HTTPConnectionState.Action], on connection: LoopConnection) {
        for action in actions {
            guard connections[connection.id] != nil else { return }
            switch action {
            case .write(let bytes):
                if connection.output.isEmpty { connection.output = bytes } else { connection.output += bytes }
                flush(connection)
            case .dispatch(let request):
                dispatch(request, on: connection)
            case .close:
                close(connection.id)
            case .shutdownWrite:
                _ = Glibc.shutdown(connection.descriptor.rawValue, Int32(SHUT_WR))
            }
        }
        if connections[connection.id] != nil { updateInterest(connection) }
    }

    private func dispatch(_ request: HTTPRequest, on connection: LoopConnection) {
        let limit = context.limits.maxQueuedRequests
        if context.queuedRequests.add(1, ordering: .relaxed).newValue > limit {
            context.queuedRequests.subtract(1, ordering: .relaxed)
            let busy = HTTPResponseSerializer.overloaded(retryAfter: context.limits.retryAfterSeconds)
            perform(connection.state.responded(busy, now: MonotonicClock.now(), date: date), on: connection)
            return
        }
        let id = connection.id
        let handler = context.handler
        let context = context
        Task(executorPreference: context.handlerExecutor) {
            let response = await handler.handle(request)
            context.queuedRequests.subtract(1, ordering: .relaxed)
            self.post(.respond(connection: id, response))
        }
    }

    /// Writes pending output until done or the socket would block.
    private func flush(_ connection: LoopConnection) {
        guard !connection.output.isEmpty else { return }
        var progressed = false
        while connection.written < connection.output.count {
            let result: IOResult
            do {
                let offset = connection.written
                result = try connection.output.withUnsafeBytes { raw throws(SocketError) in
                    try connection.descriptor.write(UnsafeRawBufferPointer(rebasing: raw[offset...]))
                }
            } catch {
                close(connection.id)
                return
            }
            guard case .transferred(let count) = result else { break }
            connection.written += count
            progressed = true
        }
        let now = MonotonicClock.now()
        if connection.written < connection.output.count {
            if progressed { connection.state.wrote(now: now) }
            return
        }
        connection.output.removeAll(keepingCapacity: connection.output.capacity <= 64 * 1024)
        connection.written = 0
        if connection.state.phase == .writing {
            perform(connection.state.flushed(now: now, date: date), on: connection)
        }
    }

    private func updateInterest(_ connection: LoopConnection) {
        var wanted: EPoll.Events = connection.state.wantsRead ? .readable : []
        if connection.written < connection.output.count { wanted.insert(.writable) }
        guard wanted != connection.interest else { return }
        connection.interest = wanted
        do {
            try epoll.modify(connection.descriptor, key: connection.id, events: wanted)
        } catch {
            close(connection.id)
        }
    }

    func close(_ id: UInt64) {
        guard let connection = connections.removeValue(forKey: id) else { return }
        try? epoll.remove(connection.descriptor)
        connection.descriptor.close()
        context.openConnections.subtract(1, ordering: .relaxed)
    }
}
