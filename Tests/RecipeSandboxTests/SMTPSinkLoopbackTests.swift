import Foundation
import RecipeData
import RecipeHTTP
import RecipeHTTPCore
import Testing

@testable import RecipeSandbox

/// The SMTP sink over real sockets on 127.0.0.1: a Python `smtplib` client as an independent
/// peer, the inspection endpoint over HTTP, and the connection limits.
@Suite(.serialized)
struct SMTPSinkLoopbackTests {
    static func server(_ adjust: (inout SandboxConfiguration) -> Void = { _ in }) throws -> SandboxServer {
        var configuration = SandboxConfiguration()
        configuration.companySize = 50
        adjust(&configuration)
        let server = SandboxServer(configuration)
        try server.start()
        return server
    }

    /// Runs a Python snippet (blocking, off the cooperative pool) and returns its exit status.
    static func python(_ script: String) async throws -> Int32 {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["python3", "-c", script]
                do {
                    try process.run()
                    process.waitUntilExit()
                    continuation.resume(returning: process.terminationStatus)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    @Test func pythonSmtplibDeliversAndTheMailIsListedOverHTTP() async throws {
        let server = try Self.server { $0.smtpCredentials = SMTPSinkCredentials(username: "ops", password: "sink-pass-7") }
        let script = """
            import smtplib
            from email.message import EmailMessage
            m = EmailMessage()
            m["From"] = "engine@example.com"; m["To"] = "hr-ops@example.com"
            m["Subject"] = "Sync fehlgeschlagen: Übertragung"
            m.set_content("Job 7 failed.\\n.dot line\\n")
            with smtplib.SMTP("127.0.0.1", \(server.smtpPort), timeout=10) as s:
                s.login("ops", "sink-pass-7")
                s.send_message(m)
            """
        #expect(try await Self.python(script) == 0)
        let (status, body) = try await DropFaultTests.fetch(server.baseURL + "/_sandbox/mail")
        #expect(status == 200)
        let message = try #require(body["messages"]?.arrayValue?.first)
        #expect(message["from"] == "engine@example.com")
        #expect(message["to"] == ["hr-ops@example.com"])
        #expect(message["subject"] == "Sync fehlgeschlagen: Übertragung")
        #expect(message["body"]?.stringValue?.contains("Job 7 failed.\r\n.dot line") == true)
        #expect(!body.jsonString().contains("sink-pass-7"))

        let wrong = script.replacingOccurrences(of: "s.login(\"ops\", \"sink-pass-7\")", with: "s.login(\"ops\", \"wrong\")")
        #expect(try await Self.python(wrong) != 0)  // smtplib raises SMTPAuthenticationError on 535
        #expect(try await DropFaultTests.fetch(server.baseURL + "/_sandbox/mail", method: "DELETE").0 == 204)
        #expect(server.sandbox.mailbox.entries.isEmpty)
        await server.shutdown()
    }

    /// Reads until a full line (CRLF) arrived.
    static func line(from connection: TCPConnection) throws -> String {
        var bytes: [UInt8] = []
        while !bytes.contains(0x0A) {
            let chunk = try connection.read()
            if chunk.isEmpty { break }
            bytes += chunk
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: [1, 2])
    func connectionsBeyondTheCapAre421(cap: Int) async throws {
        let server = try Self.server { $0.smtp.maxConnections = cap }
        let held = try TCPConnection.connect(host: "127.0.0.1", port: server.smtpPort, timeout: 5)
        #expect(try Self.line(from: held).hasPrefix("220 "))
        let next = try TCPConnection.connect(host: "127.0.0.1", port: server.smtpPort, timeout: 5)
        let greeting = try Self.line(from: next)
        #expect(greeting.hasPrefix(cap == 1 ? "421 4.7.0" : "220 "))
        held.close()
        next.close()
        await server.shutdown()
    }

    @Test func aSilentClientIsToldAndDisconnected() async throws {
        let server = try Self.server { $0.smtp.idleTimeout = 0.3 }
        let connection = try TCPConnection.connect(host: "127.0.0.1", port: server.smtpPort, timeout: 5)
        #expect(try Self.line(from: connection).hasPrefix("220 "))
        let goodbye = String(decoding: try connection.readToEnd(), as: UTF8.self)
        #expect(goodbye.hasPrefix("421 4.4.2"))
        connection.close()
        await server.shutdown()
    }

    /// Shutdown cuts a conversation that would otherwise wait for its idle timeout.
    @Test func shutdownEndsOpenConversations() async throws {
        let server = try Self.server { $0.smtp.idleTimeout = 3_600 }
        let connection = try TCPConnection.connect(host: "127.0.0.1", port: server.smtpPort, timeout: 5)
        #expect(try Self.line(from: connection).hasPrefix("220 "))
        let port = server.smtpPort
        await server.shutdown()
        #expect(try connection.readToEnd().isEmpty)
        #expect(throws: SocketError.self) { try TCPConnection.connect(host: "127.0.0.1", port: port, timeout: 5) }
        connection.close()
    }
}
