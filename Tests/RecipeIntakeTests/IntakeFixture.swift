import Foundation
import RecipeConnectors
import RecipeHTTPCore
import RecipeIntake
import RecipeModel
import RecipeSandbox
import RecipeTestSupport

/// The repository's project (folder `hibob-docebo`) with HiBob and Greenhouse verifiers, and
/// requests signed by the sandbox's signer.
enum IntakeFixture {
    static let folder = "hibob-docebo"
    static let hibobSecret = "hibob-webhook-secret"
    static let greenhouseSecret = "greenhouse-webhook-secret"
    static let project = ProjectLoader.load(root: PackagePaths.root)

    static let verifiers: [String: WebhookVerifier] = [
        "hibob": WebhookVerifier(
            scheme: WebhookScheme(header: "Bob-Signature", algorithm: .sha512, encoding: .base64, ping: .hibob, eventTypeField: "type"),
            secrets: [Array(hibobSecret.utf8)]),
        "greenhouse": WebhookVerifier(
            scheme: WebhookScheme(
                header: "Signature", algorithm: .sha256, encoding: .hex, prefix: "sha256 ", deliveryIDHeader: "Greenhouse-Event-ID",
                ping: .greenhouse, eventTypeField: "action"),
            secrets: [Array(greenhouseSecret.utf8)]),
    ]

    static func intake(bodyLimit: Int = WebhookIntake.defaultBodyLimit) -> WebhookIntake {
        WebhookIntake(project: project, verifiers: verifiers, bodyLimit: bodyLimit)
    }

    static let created = #"{"companyId":637323,"type":"employee.created","data":{"employeeId":"3332883894235038486"}}"#
    /// The same delivery as HiBob might resend it: other key order and whitespace.
    static let createdReordered = """
        { "data": { "employeeId": "3332883894235038486" },
          "type": "employee.created", "companyId": 637323.0 }
        """
    static let hired = #"{"action":"candidate_hired","payload":{"application":{"id":1}}}"#

    /// A request as a vendor sends it: `Content-Length` from the body, signed unless told not.
    static func request(
        _ body: String, connection: String = "hibob", folder: String = folder, method: HTTPMethod = .post,
        signature: Signature = .valid, extra: HTTPHeaders = [:]
    ) -> HTTPRequest {
        let bytes = Array(body.utf8)
        var headers: HTTPHeaders = ["Content-Type": "application/json", "Content-Length": String(bytes.count)]
        let (header, value): (String, String) =
            connection == "greenhouse"
            ? ("Signature", WebhookSignature.greenhouse(body: bytes, secret: signature == .wrong ? "other" : greenhouseSecret))
            : ("Bob-Signature", WebhookSignature.hibob(body: bytes, secret: signature == .wrong ? "other" : hibobSecret))
        if signature != .none { headers.set(header, value) }
        for (name, value) in extra { headers.set(name, value) }
        return HTTPRequest(
            method: method, target: WebhookIntake.path(folder: folder, connection: connection), headers: headers, body: bytes)
    }

    enum Signature: Sendable { case valid, wrong, none }
}
