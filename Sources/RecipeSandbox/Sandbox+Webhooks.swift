// The sandbox as a webhook sender: changes made through the admin endpoints are POSTed,
// signed exactly as the vendor signs them, to the vendor's target URL.
//   GET  /_sandbox/webhooks            → {"targets": {vendor: url}, "pending", "deliveries": [...]}
//   POST /_sandbox/webhooks {"hibob": "http://…", "greenhouse": null}
//        → sets the named vendors' targets (null or "" removes one), answers like GET
import Foundation
import RecipeData
import RecipeHTTPCore

extension Sandbox {
    // MARK: Targets and the delivery log

    /// The current webhook target per vendor.
    public var webhookTargets: [SandboxVendor: String] { webhooks.currentTargets }

    /// Points a vendor's webhooks at `url`; `nil` stops sending them.
    public func setWebhookTarget(_ url: String?, for vendor: SandboxVendor) { webhooks.setTarget(url, for: vendor) }

    /// Every delivery attempt so far, oldest first.
    public var webhookAttempts: [WebhookAttempt] { webhooks.attempts }

    /// Deliveries queued or in flight.
    public var pendingWebhooks: Int { webhooks.pending }

    // MARK: Firing

    /// Queues the events for HiBob's target, signed with `Bob-Signature`; returns how many
    /// were queued (0 without a target). Never waits for delivery.
    @discardableResult
    public func fireWebhooks(_ events: [HiBobEvent]) -> Int {
        webhooks.enqueue(events.map { ($0.type, nil, delivery(for: $0)) }, for: .hibob)
    }

    /// Queues Greenhouse events (`Signature`, `Greenhouse-Event-ID`) for Greenhouse's target.
    @discardableResult
    public func fireWebhooks(_ events: [GreenhouseEvent]) -> Int {
        webhooks.enqueue(events.map { ($0.action, $0.eventID, delivery(for: $0)) }, for: .greenhouse)
    }

    /// Queues HiPeople events (`X-HiPeople-Signature`) for HiPeople's target.
    @discardableResult
    public func fireWebhooks(_ events: [HiPeopleEvent]) -> Int {
        webhooks.enqueue(events.map { ($0.event, nil, delivery(for: $0)) }, for: .hipeople)
    }

    // MARK: Admin endpoints

    func addWebhookRoutes(to router: inout Router) {
        router.add(.get, "/_sandbox/webhooks") { _, _ in .json(self.webhooksJSON) }
        router.add(.post, "/_sandbox/webhooks") { request, _ in
            guard let body = request.jsonBody, let fields = body.objectValue else {
                return Self.webhookUsage("expected a JSON object")
            }
            var changes: [(SandboxVendor, String?)] = []
            for (key, value) in fields {
                guard let vendor = SandboxVendor(rawValue: key) else { return Self.webhookUsage("unknown vendor \(key)") }
                switch value {
                case .null: changes.append((vendor, nil))
                case .string(let url) where url.isEmpty: changes.append((vendor, nil))
                case .string(let url) where Self.isHTTPURL(url): changes.append((vendor, url))
                default: return Self.webhookUsage("\(key): expected an http(s) URL or null")
                }
            }
            for (vendor, url) in changes { self.setWebhookTarget(url, for: vendor) }
            return .json(self.webhooksJSON)
        }
    }

    /// What `GET /_sandbox/webhooks` answers.
    var webhooksJSON: JSONValue {
        var targets = JSONObject()
        let current = webhookTargets
        for vendor in SandboxVendor.allCases { if let url = current[vendor] { targets[vendor.rawValue] = .string(url) } }
        return .object([
            ("targets", .object(targets)), ("pending", .int(pendingWebhooks)),
            ("deliveries", .array(webhookAttempts.map(\.json))),
        ])
    }

    private static func isHTTPURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), url.host != nil else { return false }
        return scheme == "http" || scheme == "https"
    }

    private static func webhookUsage(_ problem: String) -> HTTPResponse {
        .json(
            .object([
                ("error", .string(problem)),
                ("usage", #"{"hibob": "http://127.0.0.1:8080/webhooks/…", "greenhouse": null}"#),
            ]), status: 400)
    }
}
