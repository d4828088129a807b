import Foundation
import RecipeConnectors
import RecipeHTTPCore
import RecipeIntake
import RecipeModel
import RecipeSandbox
import RecipeTestSupport

/// The repository's project (folder `hibob-docebo`) with verifiers built from the shipped
/// HiBob and Greenhouse connector definitions, and requests signed by the sandbox's signer.
enum IntakeFixture {
    static let folder = "hibob-docebo"
    static let hibobSecret = "hibob-webhook-secret"
    static let greenhouseSecret = "greenhouse-webhook-secret"
    static let project = ProjectLoader.load(root: PackagePaths.root)

    static let verifiers: [String: WebhookVerifier] = [
        "hibob": WebhookVerifier(scheme: shippedScheme("hibob"), secrets: [Array(hibobSecret.utf8)]),
        "greenhouse": WebhookVerifier(scheme: shippedScheme("greenhouse"), secrets: [Array(greenhouseSecret.utf8)]),
    ]

    /// The webhook scheme of `connectors/<name>.json`.
    static func shippedScheme(_ name: String) -> WebhookScheme {
        let path = PackagePaths.root.appendingPathComponent("connectors/\(name).json").path
        guard let scheme = ConnectorDefinitionLoader.load(path: path).0?.webhook else {
            fatalError("connectors/\(name).json has no webhook scheme")
        }
        return scheme
    }

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
