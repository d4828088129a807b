// Sends requests to an `HTTPHandler` in the same process: tests (and the sandbox when run
// in-process) exercise exactly the code path of a real exchange, minus the sockets.
import RecipeHTTPCore

/// An `HTTPClient` that calls a handler directly: the request-target is the URL's path and
/// query, `Host` is set from the URL, and `Content-Length` from the body. A handler's
/// `HTTPResponse.dropConnection` becomes a `.network` error, as over a socket.
public struct HandlerTransport: HTTPClient {
    public let handler: any HTTPHandler

    public init(_ handler: any HTTPHandler) {
        self.handler = handler
    }

    public func send(_ request: ClientRequest) async throws(TransportError) -> HTTPResponse {
        guard let parts = URLParts(request.url) else { throw TransportError(.invalidURL, "not an absolute http URL") }
        var headers = request.headers
        if !headers.contains("Host") { headers.set("Host", parts.authority) }
        if !request.body.isEmpty { headers.set("Content-Length", String(request.body.count)) }
        let forwarded = HTTPRequest(method: request.method, target: parts.target, headers: headers, body: request.body)
        let response = await handler.handle(forwarded)
        // A socket server would close without answering; so does this transport.
        if response.dropsConnection { throw TransportError(.network, "connection closed without a response") }
        return response
    }
}
