import Foundation
import RecipeData
import RecipeHTTPCore
import Synchronization

/// Every vendor fake behind one `HTTPHandler`, each under its path prefix (`/hibob`,
/// `/docebo`, `/360learning`, `/greenhouse`, `/recruit`, `/reachdesk`, `/hipeople`), plus
/// `/_sandbox/…` for faults, state dumps and reset. An injected drop answers
/// `HTTPResponse.dropConnection`, which the server turns into a closed connection.
///
/// A connection's base URL is `http://127.0.0.1:PORT/<prefix>` followed by the vendor's own
/// base path, e.g. `…/hibob/v1/people/{id}`. State lives behind `Mutex`es, so the server may
/// call `handle(_:)` concurrently.
///
/// ```swift
/// var configuration = SandboxConfiguration()
/// configuration.companySize = 1_000
/// let sandbox = Sandbox(configuration)
/// let response = await sandbox.handle(request)
/// ```
public final class Sandbox: HTTPHandler {
    /// Header the sandbox adds before forwarding: the absolute URL of the vendor's mount, so
    /// fakes can print absolute links (Greenhouse `Link`).
    public static let baseHeader = "X-Sandbox-Base"

    public let configuration: SandboxConfiguration
    let hibob: HiBobStore
    let docebo: DoceboStore
    let learning360: Learning360Store
    let greenhouse: GreenhouseStore
    let recruit: RecruitStore
    let reachdesk: ReachdeskStore
    let hipeople: HiPeopleStore
    let faults: FaultInjector
    let webhooks: WebhookDispatcher
    /// What the SMTP sink received (`GET /_sandbox/mail`).
    public let mailbox: Mailbox
    private let fakes: [SandboxVendor: any SandboxFake]
    private let counters = Mutex<[SandboxVendor: [Int: Int]]>([:])

    /// Builds the company and every fake from `configuration`.
    public init(_ configuration: SandboxConfiguration = SandboxConfiguration()) {
        self.configuration = configuration
        let today = SandboxDate.day(of: configuration.referenceDate ?? configuration.clock())
        let generator = CompanyGenerator(seed: configuration.seed, size: configuration.clampedSize, today: today)
        hibob = HiBobStore(configuration: configuration, generator: generator)
        docebo = DoceboStore(configuration: configuration)
        learning360 = Learning360Store(configuration: configuration)
        let greenhouse = GreenhouseStore(configuration: configuration, generator: generator)
        self.greenhouse = greenhouse
        recruit = RecruitStore(configuration: configuration)
        reachdesk = ReachdeskStore(configuration: configuration)
        hipeople = HiPeopleStore(configuration: configuration, jobs: { greenhouse.jobs })
        faults = FaultInjector(seed: configuration.seed)
        webhooks = WebhookDispatcher(targets: configuration.webhookTargets, sender: WebhookSender())
        mailbox = Mailbox(
            capacity: configuration.smtp.maxStoredMessages, byteBudget: configuration.smtp.maxStoredBytes,
            clock: configuration.clock, onDelivery: configuration.onMail)
        fakes = [
            .hibob: HiBobAPI(store: hibob), .docebo: DoceboAPI(store: docebo),
            .learning360: Learning360API(store: learning360), .greenhouse: GreenhouseAPI(store: greenhouse),
            .recruit: RecruitAPI(store: recruit), .reachdesk: ReachdeskAPI(store: reachdesk),
            .hipeople: HiPeopleAPI(store: hipeople),
        ]
    }

    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        guard let onRequest = configuration.onRequest else { return await route(request) }
        let started = ContinuousClock.now
        let response = await route(request)
        onRequest(SandboxRequestLog(method: request.method.rawValue, path: request.path, status: response.status, duration: ContinuousClock.now - started))
        return response
    }

    private func route(_ request: HTTPRequest) async -> HTTPResponse {
        let segments = request.path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true)
        guard let first = segments.first else { return Self.notFound(request) }
        if first == "_sandbox" { return await handleAdmin(request) }
        guard let vendor = SandboxVendor(rawValue: String(first)), let fake = fakes[vendor] else {
            return Self.notFound(request)
        }
        var forwarded = request
        let rest = segments.count > 1 ? "/" + segments[1] : "/"
        let query = request.queryString
        forwarded.target = query.isEmpty ? rest : rest + "?" + query
        let host = request.headers["Host"] ?? "127.0.0.1"
        forwarded.headers.set(Self.baseHeader, "http://\(host)/\(vendor.rawValue)")
        let (latency, failure) = faults.decide(for: vendor)
        if latency > 0 { try? await Task.sleep(for: .milliseconds(latency)) }
        let response: HTTPResponse
        if let failure { response = failure } else { response = await fake.handle(forwarded) }
        counters.withLock { $0[vendor, default: [:]][response.status, default: 0] += 1 }
        return response
    }

    static func notFound(_ request: HTTPRequest) -> HTTPResponse {
        .json(
            .object([
                ("error", "unknown sandbox path; vendors are mounted under /hibob, /docebo, /360learning, /greenhouse, /recruit, /reachdesk, /hipeople"),
                ("path", .string(request.path)),
            ]), status: 404)
    }

    // MARK: Faults, inspection, reset

    /// Sets the faults of one vendor (replacing earlier ones).
    public func setFaults(_ settings: FaultSettings, for vendor: SandboxVendor) { faults.set(settings, for: vendor) }

    public func faults(for vendor: SandboxVendor) -> FaultSettings { faults.settings(for: vendor) }

    /// Regenerates the company, forgets tokens, rate windows, faults and counters; webhook
    /// targets go back to the configured ones and the delivery log and the mailbox empty.
    public func reset() {
        for fake in fakes.values { fake.reset() }
        faults.reset()
        webhooks.reset()
        mailbox.clear()
        counters.withLock { $0 = [:] }
    }

    /// Requests answered per status code; dropped connections count under status 0.
    public func requestCounts(for vendor: SandboxVendor) -> [Int: Int] { counters.withLock { $0[vendor] ?? [:] } }

    /// The JSON dump `GET /_sandbox/state/<vendor>` answers: the fake's data plus counters.
    public func state(of vendor: SandboxVendor) -> JSONValue {
        var object = fakes[vendor]?.snapshot().objectValue ?? JSONObject()
        let counts = requestCounts(for: vendor)
        var byStatus = JSONObject()
        for status in counts.keys.sorted() where status != 0 { byStatus[String(status)] = .int(counts[status] ?? 0) }
        object["requests"] = .object([
            ("total", .int(counts.values.reduce(0, +))), ("byStatus", .object(byStatus)), ("dropped", .int(counts[0] ?? 0)),
        ])
        object["faults"] = faults.settings(for: vendor).json
        return .object(object)
    }
}
