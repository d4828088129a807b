import Foundation
@testable import RecipeCLI
import RecipeConnectors
import RecipeData
import RecipeHTTPCore
import RecipeIntake
import RecipeModel
import RecipeSandbox
import RecipeTestSupport
import Synchronization
import Testing

/// `recipes demo` passes each delivery through the webhook intake and says why one could not
/// be read instead of counting a silent failure.
struct DemoDeliveryTests {
    static let secret = "demo-secret"
    static let intake = WebhookIntake(
        project: ProjectLoader.load(root: PackagePaths.root),
        verifiers: [
            "hibob": WebhookVerifier(
                scheme: WebhookScheme(header: "Bob-Signature", algorithm: .sha512, encoding: .base64, ping: .hibob, eventTypeField: "type"),
                secrets: [Array(secret.utf8)])
        ])

    @Test(arguments: [
        (#"{"type": "employee.created"}"#, nil),
        ("{not json", "webhook employee.created: The delivery is not JSON: webhook body:1:2: error:"),
        ("", "webhook employee.created: The delivery is not JSON: webhook body:1:1: error:"),
    ] as [(String, String?)])
    func aDeliveryThatIsNotJSONIsReported(_ body: String, _ message: String?) {
        let errors = Mutex<[String]>([])
        let tool = CommandLineTool(console: Console(out: { _ in }, err: { line in errors.withLock { $0.append(line) } }))
        let bytes = Array(body.utf8)
        let delivery = WebhookDelivery(body: bytes, headers: ["Bob-Signature": WebhookSignature.hibob(body: bytes, secret: Self.secret)])
        let request = DemoScenario.request(for: delivery, folder: "hibob-docebo", connection: "hibob")
        let accepted = tool.accept(request, intake: Self.intake, event: "employee.created")
        let printed = errors.withLock { $0 }
        if let message {
            #expect(accepted == nil)
            #expect(printed.count == 1)
            #expect(printed.first?.hasPrefix(message) == true, "\(printed)")
        } else {
            #expect(accepted?.payload["type"] == "employee.created")
            #expect(accepted?.recipes.map(\.description) == ["hibob-docebo/capture-user-create"])
            #expect(printed == [])
        }
    }
}
