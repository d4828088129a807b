import Foundation
import RecipeHTTP
import RecipeHTTPCore
import Synchronization

/// The sandbox's SMTP server on loopback: accepts every message (after AUTH PLAIN when
/// credentials are configured) into a `Mailbox` instead of delivering it, so error
/// notifications can be seen with `GET /_sandbox/mail`. One thread accepts; each connection
/// is served by its own thread with blocking reads that time out after `idleTimeout`: mail
/// volume in a sandbox is small, and the protocol logic lives in `SMTPServerSession`.
public final class SMTPSink: Sendable {
    /// The bound port.
    public let port: Int
    private let listener: TCPListener
    private let mailbox: Mailbox
    private let limits: SMTPSinkLimits
    private let credentials: SMTPSinkCredentials?
    private let serverName: String
    private let connections = Mutex<[ObjectIdentifier: TCPConnection]>([:])
    private let stopped = DispatchGroup()

    /// Binds `host:port` (0 picks a free port); call `start()` to serve.
    public init(
        host: String = "127.0.0.1", port: Int = 0, mailbox: Mailbox, limits: SMTPSinkLimits = SMTPSinkLimits(),
        credentials: SMTPSinkCredentials? = nil, serverName: String = "sandbox.localhost"
    ) throws(SocketError) {
        listener = try TCPListener(host: host, port: port)
        self.port = listener.port
        self.mailbox = mailbox
        self.limits = limits
        self.credentials = credentials
        self.serverName = serverName
    }

    /// Starts the accept thread.
    public func start() {
        stopped.enter()
        Thread.detachNewThread { [self] in
            defer { stopped.leave() }
            while true {
                let connection: TCPConnection?
                do {
                    connection = try listener.accept(waiting: 3600, timeout: limits.idleTimeout)
                } catch {
                    Thread.sleep(forTimeInterval: 0.05)  // EMFILE and friends: do not spin
                    continue
                }
                guard let connection else {
                    if listener.isClosing { return } else { continue }
                }
                serve(connection)
            }
        }
    }

    /// Stops accepting, cuts open conversations, and waits until every thread is done.
    public func stop() {
        listener.close()
        for connection in connections.withLock({ Array($0.values) }) { connection.shutdown() }
        stopped.wait()
    }

    private func serve(_ connection: TCPConnection) {
        let key = ObjectIdentifier(connection)
        let admitted = connections.withLock { open in
            guard open.count < limits.maxConnections else { return false }
            open[key] = connection
            return true
        }
        if listener.isClosing { connection.shutdown() }  // registered after stop() cut the others
        guard admitted else {
            try? connection.write("421 4.7.0 \(serverName) too many connections, try again later\r\n")
            connection.close()
            return
        }
        stopped.enter()
        Thread.detachNewThread { [self] in
            defer {
                connections.withLock { _ = $0.removeValue(forKey: key) }
                connection.close()
                stopped.leave()
            }
            converse(on: connection)
        }
    }

    private func converse(on connection: TCPConnection) {
        var session = SMTPServerSession(serverName: serverName, limits: limits, credentials: credentials)
        guard (try? connection.write(session.greeting + "\r\n")) != nil else { return }
        while !session.isClosed {
            let bytes: [UInt8]
            do {
                bytes = try connection.read()
            } catch where error.code == EAGAIN || error.code == EWOULDBLOCK {
                try? connection.write("421 4.4.2 \(serverName) idle for \(Int(limits.idleTimeout)) s, closing connection\r\n")
                return
            } catch {
                return
            }
            if bytes.isEmpty { return }
            let reaction = session.receive(bytes)
            reaction.delivered.forEach(mailbox.deliver)
            if !reaction.replies.isEmpty {
                guard (try? connection.write(reaction.replies.map { $0 + "\r\n" }.joined())) != nil else { return }
            }
            if reaction.close { return }
        }
    }
}
