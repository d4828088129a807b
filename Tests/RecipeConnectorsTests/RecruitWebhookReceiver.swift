import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeHTTP
import RecipeHTTPCore
import Synchronization

/// An HTTP endpoint on 127.0.0.1 playing the engine's webhook intake for the hibob-recruit
/// loopback: it checks `Bob-Signature` with the verifier built from the shipped connections
/// (401 when it does not match, nothing run), answers a ping, and runs the recipes of each
/// valid delivery before answering 200, keeping their job records in arrival order.
final class RecruitWebhookReceiver: Sendable {
    private final class Log: Sendable {
        let records = Mutex<[JobRecord]>([])
        let verdicts = Mutex<[WebhookVerification]>([])
    }

    let server: HTTPServer
    private let log = Log()

    /// - Parameter run: runs the recipes listening for a delivery (its parsed body and `type`).
    init(verifier: WebhookVerifier, run: @escaping @Sendable (JSONValue, String) async -> [JobRecord]) throws {
        let log = self.log
        server = HTTPServer(
            configuration: .init(port: 0, eventLoops: 1, shutdownGracePeriod: .seconds(2)),
            handler: HandlerFunction { request in
                let verdict = verifier.verify(headers: request.headers, body: request.body)
                log.verdicts.withLock { $0.append(verdict) }
                switch verdict {
                case .ping: return HTTPResponse(status: 200)
                case .missingSignature, .invalidSignature: return HTTPResponse(status: 401)
                case .valid:
                    guard let body = try? JSONParser.parseValue(request.body), let type = body["type"]?.stringValue else {
                        return HTTPResponse(status: 400)
                    }
                    let records = await run(body, type)
                    log.records.withLock { $0 += records }
                    return HTTPResponse(status: 200)
                }
            }, logger: { _ in })
        try server.start()
    }

    /// Where the sandbox's HiBob sends its webhooks.
    var url: String { "http://127.0.0.1:\(server.port ?? 0)/webhooks/hibob-recruit/hibob" }

    /// Job records of every delivery run so far, in arrival order.
    var records: [JobRecord] { log.records.withLock { $0 } }

    /// The verdict on every request so far.
    var verdicts: [WebhookVerification] { log.verdicts.withLock { $0 } }

    func stop() async { await server.shutdown() }
}
