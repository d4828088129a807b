import Foundation
import RecipeCrypto
import RecipeData
import RecipeHTTP
import RecipeHTTPCore
import RecipeTestSupport
import Synchronization
import Testing

/// `recipes sandbox --webhooks hibob=URL`: a change made through the sandbox's admin endpoint
/// arrives at URL as a webhook signed like HiBob's.
struct SandboxWebhookCommandTests {
    final class Inbox: Sendable {
        let requests = Mutex<[HTTPRequest]>([])
    }

    @Test func employeeChangesAreSentAsSignedHiBobWebhooks() async throws {
        let inbox = Inbox()
        let receiver = HTTPServer(
            configuration: .init(port: 0, eventLoops: 1),
            handler: HandlerFunction { request in
                inbox.requests.withLock { $0.append(request) }
                return .text("ok")
            }, logger: { _ in })
        let receiverPort = try receiver.start()
        let target = "http://127.0.0.1:\(receiverPort)/webhooks/hibob-docebo/hibob"
        let (created, exit) = try await offloaded { () -> (String, Int32) in
            let process = Process()
            process.executableURL = BinaryTests.binary
            process.arguments = ["sandbox", "--port", "0", "--employees", "50", "--webhooks", "hibob=\(target)"]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let banner = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
            let port = banner.split(separator: ":").dropFirst(2).first.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
            let curl = Process()
            curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            curl.arguments = [
                "-s", "-X", "POST", "-H", "Content-Type: application/json", "-d", #"{"firstName": "Grace", "surname": "Hopper"}"#,
                "http://127.0.0.1:\(port)/_sandbox/hibob/employees",
            ]
            let curlOut = Pipe()
            curl.standardOutput = curlOut
            try curl.run()
            curl.waitUntilExit()
            let created = String(decoding: curlOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let deadline = Date().addingTimeInterval(60)
            while inbox.requests.withLock({ $0.isEmpty }) && Date() < deadline { usleep(20_000) }
            process.terminate()
            process.waitUntilExit()
            return (created, process.terminationStatus)
        }
        await receiver.shutdown()
        #expect(exit == 0)
        #expect(created.contains("webhooksQueued"))
        let delivery = try #require(inbox.requests.withLock { $0.first })
        #expect(delivery.path == "/webhooks/hibob-docebo/hibob")
        let body = try JSONParser.parseValue(delivery.body)
        #expect(body["type"] == "employee.created")
        #expect(body["data"]?["employeeId"]?.stringValue?.count == 19)
        let signature = HashAlgorithm.sha512.authenticationCode(for: delivery.body, key: Array("sandbox-hibob-webhook-secret".utf8))
        #expect(delivery.headers["Bob-Signature"] == Data(signature).base64EncodedString())
    }
}
