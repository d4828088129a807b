import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// POSTs signed webhook deliveries to a URL (the engine's intake), as the vendor would.
public struct WebhookSender: Sendable {
    /// Per-request timeout in seconds (HiBob partners must answer within 10 s).
    public var timeout: TimeInterval

    public init(timeout: TimeInterval = 10) { self.timeout = timeout }

    /// The receiver's answer.
    public struct Reply: Sendable {
        public var status: Int
        public var body: [UInt8]
    }

    /// Sends one delivery and returns the receiver's status and body.
    public func send(_ delivery: WebhookDelivery, to url: URL) async throws -> Reply {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        for (name, value) in delivery.headers.sorted(by: { $0.key < $1.key }) {
            request.setValue(value, forHTTPHeaderField: name)
        }
        request.httpBody = Data(delivery.body)
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return Reply(status: status, body: Array(data))
    }
}
