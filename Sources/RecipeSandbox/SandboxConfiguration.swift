import Foundation

/// Everything a `Sandbox` is built from: the seed and size of the generated company, the
/// clock, per vendor the credentials, token lifetimes and rate limits, and where to send
/// the sandbox's webhooks.
///
/// Defaults follow the documented limits (see docs/sandbox.md); credentials are fixed
/// strings so a connection file can name them.
public struct SandboxConfiguration: Sendable {
    /// Seeds the company and every random choice (tokens, injected faults).
    public var seed: UInt64 = 42
    /// Number of HiBob employees, clamped to 50...100,000.
    public var companySize: Int = 200
    /// The sandbox's notion of now; inject a controllable clock in tests.
    public var clock: @Sendable () -> Date = { Date() }
    /// The day the company is generated around; `nil` means the clock's day at start.
    public var referenceDate: Date?

    public var hibob = HiBob()
    public var docebo = Docebo()
    public var learning360 = Learning360()
    public var greenhouse = Greenhouse()
    public var recruit = Bearer(token: "sandbox-recruit-token", requestsPerSecond: 10)
    public var reachdesk = Bearer(token: "sandbox-reachdesk-token", requestsPerSecond: 5)
    public var hipeople = HiPeople()

    /// Where the sandbox POSTs the signed webhooks of changes made through its admin
    /// endpoints, per vendor (`[.hibob: "http://127.0.0.1:8080/webhooks/hibob-docebo/hibob"]`).
    /// A vendor without a target sends nothing. Changeable at runtime with
    /// `Sandbox.setWebhookTarget(_:for:)` or `POST /_sandbox/webhooks`.
    public var webhookTargets: [SandboxVendor: String] = [:]

    /// The SMTP sink's limits; `smtpCredentials`, when set, makes it require AUTH PLAIN.
    public var smtp = SMTPSinkLimits()
    public var smtpCredentials: SMTPSinkCredentials?
    /// Called (on the sink's connection thread) for every message the SMTP sink accepts.
    public var onMail: (@Sendable (Mailbox.Entry) -> Void)?
    /// Called after every HTTP request the sandbox answers (`recipes sandbox --log`).
    public var onRequest: (@Sendable (SandboxRequestLog) -> Void)?

    public init() {}

    /// HiBob: Basic auth service user, company id, webhook secret, per-minute limits.
    public struct HiBob: Sendable {
        public var serviceUserID = "sandbox-service-user"
        public var token = "sandbox-hibob-token"
        public var companyID = 637_323
        public var webhookSecret = "sandbox-hibob-webhook-secret"
        /// `POST /v1/people/search` (documented: 50/min).
        public var searchesPerMinute = 50
        /// `POST /v1/people/{id}` (not documented; generous).
        public var readsPerMinute = 1_000
        /// Workforce Planning searches (third-party: 100/min).
        public var planningSearchesPerMinute = 100
        public init() {}
    }

    /// Docebo: OAuth2 client (and password-grant user), token lifetime, hourly limit.
    public struct Docebo: Sendable {
        public var clientID = "sandbox-docebo-client"
        public var clientSecret = "sandbox-docebo-secret"
        public var username = "sandbox-admin"
        public var password = "sandbox-docebo-password"
        public var tokenTTL = 3600
        public var callsPerHour = 1_000
        public init() {}
    }

    /// 360Learning v2: client credentials, token lifetime, read/write limits per second.
    public struct Learning360: Sendable {
        public var clientID = "sandbox-360-client"
        public var clientSecret = "sandbox-360-secret"
        public var tokenTTL = 3600
        public var readsPerSecond = 50
        public var writesPerSecond = 10
        public init() {}
    }

    /// Greenhouse Harvest: API key (Basic `key:`), limit per 10-second window, webhook secret.
    public struct Greenhouse: Sendable {
        public var apiKey = "sandbox-greenhouse-key"
        public var requestsPerWindow = 50
        public var windowSeconds = 10.0
        public var webhookSecret = "sandbox-greenhouse-webhook-secret"
        public init() {}
    }

    /// A vendor with one bearer token and a per-second limit (Recruit, Reachdesk).
    public struct Bearer: Sendable {
        public var token: String
        public var requestsPerSecond: Int
        public init(token: String, requestsPerSecond: Int) {
            self.token = token
            self.requestsPerSecond = requestsPerSecond
        }
    }

    /// HiPeople: key and secret headers, per-second limit, webhook secret.
    public struct HiPeople: Sendable {
        public var apiKey = "sandbox-hipeople-key"
        public var apiSecret = "sandbox-hipeople-secret"
        public var requestsPerSecond = 10
        public var webhookSecret = "sandbox-hipeople-webhook-secret"
        public init() {}
    }

    /// `companySize` within the supported range.
    var clampedSize: Int { min(max(companySize, 50), 100_000) }
}

/// One answered request, for access logs: the path without its query (which could carry
/// credentials in other APIs), the status (0 for a dropped connection) and the time taken.
public struct SandboxRequestLog: Sendable {
    public var method: String
    public var path: String
    public var status: Int
    public var duration: Duration
}
