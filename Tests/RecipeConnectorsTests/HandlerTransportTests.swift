import RecipeConnectors
import RecipeHTTPCore
import Testing

/// The in-process transport behaves like a socket for a handler that drops the connection.
@Suite struct HandlerTransportTests {
    @Test func droppedConnectionIsANetworkError() async throws {
        let transport = HandlerTransport(HandlerFunction { request in
            request.path == "/drop" ? .dropConnection : .text("ok")
        })
        await #expect(throws: TransportError(.network, "connection closed without a response")) {
            _ = try await transport.send(ClientRequest(method: .get, url: "http://vendor.example/drop"))
        }
        let answered = try await transport.send(ClientRequest(method: .get, url: "http://vendor.example/fine"))
        #expect(answered.status == 200 && !answered.dropsConnection)
    }
}
