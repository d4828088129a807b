import Foundation
@testable import RecipeCLI
import RecipeData
import Synchronization
import Testing

/// `recipes demo` says why a webhook delivery could not be read instead of counting a silent
/// failure.
struct DemoDeliveryTests {
    @Test(arguments: [
        (#"{"type": "employee.created"}"#, nil),
        ("{not json", "webhook employee.created: the delivery is not JSON: webhook employee.created:1:2: error:"),
        ("", "webhook employee.created: the delivery is not JSON: webhook employee.created:1:1: error:"),
    ] as [(String, String?)])
    func aDeliveryThatIsNotJSONIsReported(_ body: String, _ message: String?) {
        let errors = Mutex<[String]>([])
        let tool = CommandLineTool(console: Console(out: { _ in }, err: { line in errors.withLock { $0.append(line) } }))
        let decoded = tool.decodeDelivery(Array(body.utf8), event: "employee.created")
        let printed = errors.withLock { $0 }
        if let message {
            #expect(decoded == nil)
            #expect(printed.count == 1)
            #expect(printed.first?.hasPrefix(message) == true, "\(printed)")
        } else {
            #expect(decoded?["type"] == "employee.created")
            #expect(printed == [])
        }
    }
}
