import Foundation
import RecipeConnectors
import RecipeEngine
import RecipeHTTP
import RecipeTestSupport
import Testing

/// A real SMTP server (aiosmtpd, started from Tests/Fixtures/smtp/relay.py on 127.0.0.1) receiving
/// the notifier's messages.
final class SMTPRelay {
    let process = Process()
    let port: Int
    let maildir: URL

    init(credentials: (String, String)? = nil) throws {
        let probe = try Socket.listen(host: "127.0.0.1", port: 0, backlog: 1)
        port = try Socket.localPort(of: probe)
        probe.close()
        maildir = FileManager.default.temporaryDirectory.appendingPathComponent("maildir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: maildir, withIntermediateDirectories: true)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", PackagePaths.fixtures.appendingPathComponent("smtp/relay.py").path, String(port), maildir.path]
            + (credentials.map { [$0.0, $0.1] } ?? [])
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let ready = output.fileHandleForReading.availableData
        guard String(decoding: ready, as: UTF8.self).hasPrefix("ready") else {
            throw SMTPError(code: 0, message: "the test relay did not start (is aiosmtpd installed?)", command: "setup")
        }
    }

    /// The messages received so far, oldest first.
    var messages: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: maildir.path)) ?? []
        return names.filter { $0.hasSuffix(".eml") }.sorted().compactMap {
            try? String(contentsOf: maildir.appendingPathComponent($0), encoding: .utf8)
        }
    }

    deinit {
        // SIGKILL: the relay cannot block it, whatever signal mask it inherited.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: maildir)
    }
}

@Suite(.serialized)
struct SMTPRelayTests {
    @Test func theErrorNotificationReachesARealSMTPServer() async throws {
        let relay = try SMTPRelay()
        let notifier = SMTPNotifier(configuration: .init(host: "127.0.0.1", port: relay.port, from: "engine@example.com"))
        try await notifier.send(
            MailNotification(
                to: "ops@example.com", subject: "[RecipeEngine] hibob-docebo/capture-user-update failed",
                body: "Job 42 failed at step retrieve:\n.leading dot stays\nhibob.get_employee failed: 503"))
        let message = try #require(relay.messages.first)
        #expect(message.contains("X-Envelope-To: ops@example.com"))
        #expect(message.contains("Subject: [RecipeEngine] hibob-docebo/capture-user-update failed"))
        #expect(message.contains("\r\n.leading dot stays\r\n"))
        #expect(message.contains("hibob.get_employee failed: 503"))
    }

    @Test func authPlainWithTheRightPasswordAndA535WithTheWrongOne() async throws {
        let relay = try SMTPRelay(credentials: ("mailer", "relay-pass-42"))
        let good = SMTPNotifier(
            configuration: .init(host: "127.0.0.1", port: relay.port, from: "engine@example.com", username: "mailer", password: "relay-pass-42"))
        try await good.send(MailNotification(to: "ops@example.com", subject: "ok", body: "authenticated"))
        #expect(relay.messages.count == 1)

        let bad = SMTPNotifier(
            configuration: .init(host: "127.0.0.1", port: relay.port, from: "engine@example.com", username: "mailer", password: "not-it-99"))
        do {
            try await bad.send(MailNotification(to: "ops@example.com", subject: "no", body: "refused"))
            Issue.record("sent with a wrong password")
        } catch let error as ConnectorError {
            #expect(error.message.contains("AUTH was answered 535"))
            #expect(!error.retryable)
            #expect(!error.message.contains("not-it-99"))
        }
        #expect(relay.messages.count == 1)
    }

    @Test func anUnreachableRelayIsARetryableFailure() async throws {
        let probe = try Socket.listen(host: "127.0.0.1", port: 0, backlog: 1)
        let port = try Socket.localPort(of: probe)
        probe.close()
        let notifier = SMTPNotifier(configuration: .init(host: "127.0.0.1", port: port, from: "engine@example.com", timeout: .seconds(2)))
        do {
            try await notifier.send(MailNotification(to: "ops@example.com", subject: "x", body: "y"))
            Issue.record("sent to a closed port")
        } catch let error as ConnectorError {
            #expect(error.retryable)
        }
    }
}
