#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import RecipeHTTP

@Suite struct SocketTests {
    @Test func bindsPortZeroAndReportsThePort() throws {
        let listener = try Socket.listen(host: "127.0.0.1", port: 0)
        #expect(try Socket.localPort(of: listener) > 0)
        #expect(try Socket.accept(listener) == nil)  // nonblocking: nothing waiting
    }

    @Test func connectToAClosedPortCarriesErrno() throws {
        let listener = try Socket.listen(host: "127.0.0.1", port: 0)
        let port = try Socket.localPort(of: listener)
        listener.close()
        do {
            _ = try TCPConnection.connect(host: "127.0.0.1", port: port, timeout: 2)
            Issue.record("connected to a closed port")
        } catch {
            #expect(error.code == ECONNREFUSED)
            #expect(error.description.contains("connect 127.0.0.1:\(port)"))
        }
    }

    @Test func badAddressIsATypedError() {
        #expect(throws: SocketError("inet_pton nonsense", code: EINVAL)) { try Socket.listen(host: "nonsense", port: 0) }
    }

    @Test func descriptorClosesExactlyOnce() throws {
        let listener = try Socket.listen(host: "127.0.0.1", port: 0)
        #expect(listener.isOpen)
        listener.close()
        listener.close()
        #expect(!listener.isOpen && listener.rawValue == -1)
    }

    @Test func acceptedSocketReadsWouldBlockAndData() throws {
        let listener = try Socket.listen(host: "127.0.0.1", port: 0)
        let client = try TCPConnection.connect(host: "127.0.0.1", port: Socket.localPort(of: listener))
        var accepted: FileDescriptor?
        for _ in 0..<100 where accepted == nil {
            accepted = try Socket.accept(listener)
            if accepted == nil { usleep(10_000) }
        }
        let server = try #require(accepted)
        var buffer = [UInt8](repeating: 0, count: 16)
        #expect(try buffer.withUnsafeMutableBytes { try server.read(into: $0) } == .wouldBlock)
        try client.write("hi")
        usleep(20_000)
        #expect(try buffer.withUnsafeMutableBytes { try server.read(into: $0) } == .transferred(2))
        client.close()
        usleep(20_000)
        #expect(try buffer.withUnsafeMutableBytes { try server.read(into: $0) } == .endOfStream)
    }

    @Test func wakeupMakesEpollReady() throws {
        let epoll = try EPoll()
        let wakeup = try Wakeup()
        try epoll.add(wakeup.descriptor, key: 7, events: .readable)
        var ready: [EPoll.Event] = []
        try epoll.wait(into: &ready, timeoutMilliseconds: 0)
        #expect(ready.isEmpty)
        wakeup.signal()
        try epoll.wait(into: &ready, timeoutMilliseconds: 1000)
        #expect(ready.map(\.key) == [7])
        wakeup.drain()
        try epoll.wait(into: &ready, timeoutMilliseconds: 0)
        #expect(ready.isEmpty)
    }
}
