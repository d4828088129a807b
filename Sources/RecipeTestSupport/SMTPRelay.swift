import Foundation
import RecipeHTTP

/// A real SMTP server (aiosmtpd, started from Tests/Fixtures/smtp/relay.py on 127.0.0.1) receiving
/// the notifier's messages.
public final class SMTPRelay {
    let process = Process()
    public let port: Int
    let maildir: URL

    public init(credentials: (String, String)? = nil) throws {
        port = try Self.freePort()
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
            throw RelayError.notStarted
        }
    }

    /// The messages received so far, oldest first.
    public var messages: [String] {
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

    public enum RelayError: Error { case notStarted }

    /// A free TCP port on 127.0.0.1 (bound, read, released).
    public static func freePort() throws -> Int {
        let probe = try Socket.listen(host: "127.0.0.1", port: 0, backlog: 1)
        defer { probe.close() }
        return try Socket.localPort(of: probe)
    }
}
