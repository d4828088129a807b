import Foundation
import RecipeData
import RecipeHTTP
import RecipeHTTPCore
import RecipeSandbox

extension CommandLineTool {
    /// `recipes sandbox`: serves the fake vendor APIs until SIGTERM or SIGINT.
    func serveSandbox(_ options: Command.SandboxOptions) async -> Int32 {
        var configuration = SandboxConfiguration()
        configuration.companySize = options.employees
        configuration.seed = options.seed
        for (name, url) in options.webhooks {
            guard let vendor = SandboxVendor(rawValue: name) else {
                let names = SandboxVendor.allCases.map(\.rawValue)
                console.err("recipes: no sandbox vendor '\(name)'\(Suggestion.didYouMean(name, among: names))")
                return ExitStatus.usage
            }
            configuration.webhookTargets[vendor] = url
        }
        let console = self.console
        configuration.onMail = { entry in
            console.out(DisplayText.line("mail \(entry.id): \(entry.mail.from) → \(entry.mail.recipients.joined(separator: ", ")): \(entry.mail.subject)"))
        }
        if options.log {
            configuration.onRequest = { entry in
                let status = entry.status == 0 ? "dropped" : String(entry.status)
                let milliseconds = Double(entry.duration.components.attoseconds) / 1e15 + Double(entry.duration.components.seconds) * 1000
                console.out(DisplayText.line("\(entry.method) \(entry.path) → \(status) (\(String(format: "%.1f", milliseconds)) ms)"))
            }
        }
        let server = SandboxServer(configuration, host: options.host, port: options.port, smtpPort: options.resolvedSMTPPort)
        let port: Int
        do {
            port = try server.start()
        } catch {
            console.err("recipes: cannot listen on \(options.host):\(options.port) (HTTP) and :\(options.resolvedSMTPPort) (SMTP): \(error)")
            return ExitStatus.failure
        }
        console.out("sandbox listening on http://\(options.host):\(port) with \(options.employees) employees (seed \(options.seed))")
        for prefix in ["hibob", "docebo", "360learning", "greenhouse", "recruit", "reachdesk", "hipeople"] {
            console.out("  http://\(options.host):\(port)/\(prefix)")
        }
        console.out("  smtp://\(options.host):\(server.smtpPort) (mail sink; received mail: GET /_sandbox/mail)")
        console.out("inspect: GET /_sandbox/state/<vendor>; reset: POST /_sandbox/reset; faults: POST /_sandbox/faults")
        for (vendor, url) in configuration.webhookTargets.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            console.out("webhooks: \(vendor.rawValue) changes made through /_sandbox/ are signed and sent to \(url)")
        }
        console.out("credentials for connections.example.json (export these):")
        for (name, value) in server.connectionEnvironment.sorted(by: { $0.key < $1.key }) {
            console.out("  export \(name)=\(value)")
        }
        var signals: SignalHandling?
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            signals = SignalHandling(signals: [SIGTERM, SIGINT]) { _ in continuation.resume() }
        }
        signals?.cancel()
        console.out("sandbox: shutting down")
        await server.shutdown()
        return ExitStatus.success
    }
}
