import Foundation
import RecipeConnectors
import RecipeHTTP
import RecipeHTTPCore
import RecipeSandbox
import Testing

/// The production transport against the sandbox over loopback: empty bodies, sub-second
/// deadlines (which URLSession alone would turn into 0 ms) and refused connections.
@Suite(.serialized)
struct URLSessionClientTests {
    @Test func anEmptyBodyIsAResponseNotAnError() async throws {
        let server = SandboxServer()
        try server.start()
        let response = try await URLSessionClient.shared.send(ClientRequest(method: .post, url: server.baseURL + "/_sandbox/reset"))
        #expect(response.status == 204)
        #expect(response.body.isEmpty)
        await server.shutdown()
    }

    @Test(arguments: [(250, 1_500, true), (1_500, 250, false)])
    func theDeadlineCoversTheWholeRequest(timeoutMs: Int, stallMs: Int, timesOut: Bool) async throws {
        let server = SandboxServer()
        try server.start()
        server.sandbox.setFaults(FaultSettings(stallNext: 1, stallMilliseconds: stallMs), for: .recruit)
        var headers = HTTPHeaders()
        headers.set("Authorization", "Bearer sandbox-recruit-token")
        let request = ClientRequest(
            method: .get, url: server.baseURL + "/recruit/v1/positions", headers: headers, timeout: .milliseconds(timeoutMs))
        do {
            let response = try await URLSessionClient.shared.send(request)
            #expect(!timesOut)
            #expect(response.status == 200)
        } catch {
            #expect(timesOut)
            #expect(error.kind == .timeout)
        }
        await server.shutdown()
    }

    @Test func aRefusedConnectionCannotConnect() async throws {
        let listener = try TCPListener(host: "127.0.0.1", port: 0)
        let port = listener.port
        listener.close()
        _ = try listener.accept(waiting: 0, timeout: 1)  // closes the socket
        do {
            _ = try await URLSessionClient.shared.send(ClientRequest(method: .get, url: "http://127.0.0.1:\(port)/x"))
            Issue.record("a closed port answered")
        } catch {
            #expect(error.kind == .cannotConnect)
        }
    }
}
