// The in-memory form of one `connectors/<name>.json` file: what a vendor API looks like to the
// engine. Everything an integrator can change without Swift lives here; the format is described
// in docs/connectors.md and read by `ConnectorDefinitionLoader`.
import RecipeData
import RecipeExpressions
import RecipeHTTPCore

/// One vendor API: base URL, authentication, default headers, limits and its actions.
public struct ConnectorDefinition: Sendable {
    /// The connector's name (`"docebo"`), as connections refer to it.
    public var name: String
    public var description: String?
    /// The default base URL; a connection may (and for the sandbox does) override it.
    public var baseURL: String?
    /// Names of the credentials a connection must provide (`["client_id", "client_secret"]`).
    public var credentials: [String]
    public var auth: AuthSpec
    /// Headers sent with every action (`360-api-version`), rendered over `input` and `settings`.
    public var headers: [HeaderTemplate]
    public var rateLimit: RateLimit?
    public var retry: RetrySettings
    public var timeout: Duration
    public var errors: ErrorMapping
    public var webhook: WebhookScheme?
    public var actions: [String: ActionDefinition]
    /// Where the definition starts, for messages.
    public var location: SourceLocation
}

/// A header name and its value template.
public struct HeaderTemplate: Sendable {
    public var name: String
    public var value: Template
}

/// How requests are authenticated. Templates render over `credentials` and `settings`.
public enum AuthSpec: Sendable {
    case none
    /// HTTP Basic (RFC 7617): HiBob service user id + token, Greenhouse API key + blank password.
    case basic(username: Template, password: Template)
    /// Static headers: `Authorization: Bearer …`, HiPeople's `X-API-Key` / `X-API-Secret`.
    case headers([HeaderTemplate])
    /// OAuth 2.0 token endpoint (RFC 6749 §4.3 password, §4.4 client credentials).
    case oauth2(OAuth2Spec)
}

/// The token request of an OAuth 2.0 connector.
public struct OAuth2Spec: Sendable {
    public enum Grant: String, Sendable, CaseIterable {
        case clientCredentials = "client_credentials"
        case password
    }

    public enum Encoding: String, Sendable, CaseIterable {
        /// `application/x-www-form-urlencoded` (RFC 6749 §4.4.2; Docebo).
        case form
        /// A JSON object (360Learning v2).
        case json
    }

    public var grant: Grant
    /// Relative to the connection's base URL (`/oauth2/token`), or absolute.
    public var tokenPath: String
    public var encoding: Encoding
    public var clientID: Template
    public var clientSecret: Template
    public var username: Template?
    public var password: Template?
    public var scope: String?
    /// Extra headers of the token request only.
    public var headers: [HeaderTemplate]
    /// How long before expiry a cached token is replaced (default 60 s).
    public var refreshBefore: Duration
}

/// A token bucket's settings: `requests` per `per`, bursts of up to `burst`.
public struct RateLimit: Sendable, Hashable {
    public var requests: Int
    public var per: Duration
    public var burst: Int

    public init(requests: Int, per: Duration, burst: Int? = nil) {
        self.requests = requests
        self.per = per
        self.burst = burst ?? max(1, min(requests, 10))
    }

    /// Tokens added per second.
    public var ratePerSecond: Double { Double(requests) / per.seconds }
}

/// How many times the client itself retries one HTTP request, and how long it waits.
///
/// A request that may have reached the vendor (a timeout or a 5xx on a write with a dedupe
/// check) is sent at most `maxAttempts` times. A request that is safe to repeat (an idempotent
/// one such as a read, or any request the vendor refused with 429/503 before processing it) is
/// retried beyond that, up to `maxSafeAttempts`, while the waits add up to no more than
/// `safeRetryBudget`: a read should not fail a job because a vendor was busy for a few seconds.
public struct RetrySettings: Sendable, Hashable {
    public var maxAttempts: Int = 3
    public var baseDelay: Duration = .milliseconds(500)
    public var maxDelay: Duration = .seconds(30)
    /// A `Retry-After` longer than this is not waited for in the client (nor does it pause the
    /// connection's rate limiter for longer): the error goes to the interpreter with
    /// `retryAfter` set, so the recipe's retry policy decides.
    public var maxRetryAfter: Duration = .seconds(60)
    /// The most attempts for a request that is safe to repeat.
    public var maxSafeAttempts: Int = 10
    /// The most time spent waiting between attempts of a request that is safe to repeat, once
    /// past `maxAttempts`.
    public var safeRetryBudget: Duration = .seconds(120)

    public init() {}
}

/// How a vendor's error response becomes a `ConnectorError` message and code. Templates
/// render over `response` (`status`, `headers`, `body`) and `input`.
public struct ErrorMapping: Sendable {
    public var message: Template?
    public var code: Template?

    public init(message: Template? = nil, code: Template? = nil) {
        self.message = message
        self.code = code
    }
}

/// One action: an HTTP request built from the input, and the output extracted from the answer.
public struct ActionDefinition: Sendable {
    public enum BodyEncoding: String, Sendable, CaseIterable {
        case json, form
    }

    /// How a write may be retried safely although it is not idempotent.
    public enum Dedupe: Sendable {
        /// The request carries `{{ request.idempotencyKey }}` and the vendor deduplicates on it.
        case idempotencyKey
        /// Before a retry, run another action (usually a read); a non-null result is taken as
        /// the outcome of the write, which then is not sent again.
        case check(action: String, input: Template)
    }

    public var name: String
    public var description: String?
    public var method: HTTPMethod
    /// Relative to the base URL; values of templates are percent-encoded.
    public var path: Template
    public var query: [HeaderTemplate]
    public var headers: [HeaderTemplate]
    public var body: Template?
    public var encoding: BodyEncoding
    public var idempotent: Bool
    public var dedupe: Dedupe?
    /// The action's result, over `input`, `response`, `items` (with pagination) and `settings`.
    public var output: Template
    public var pagination: Pagination?
    /// Keeps only the collected items for which this is truthy (over `item` and `input`).
    public var match: Expression?
    /// With `match`: stop paging at the first matching item.
    public var stopAtFirstMatch: Bool
    /// Statuses that are not errors for this action, with the output to return for each
    /// (e.g. 404 → `null` for a delete that finds nothing to delete).
    public var onStatus: [Int: Template]
    public var errors: ErrorMapping?
    public var rateLimit: RateLimit?
    public var timeout: Duration?
    public var location: SourceLocation

    /// Whether an ambiguous failure (timeout, 5xx) may be retried.
    public var retrySafe: Bool { idempotent || dedupe != nil }
}

/// Page-by-page reading: `state` is the first page's `page` value; after each response
/// `items` extracts that page's items and `next` the following `page` value (null = done).
public struct Pagination: Sendable {
    public var state: Template
    public var items: Template
    public var next: Template
    public var maxPages: Int
}

/// How a vendor signs webhook deliveries: `header` = `prefix` + encoding(HMAC(secret, raw body)).
public struct WebhookScheme: Sendable, Hashable {
    public enum Encoding: String, Sendable, CaseIterable {
        case hex, base64
    }

    /// Which vendor ping to recognise and answer 200 without processing.
    public enum Ping: String, Sendable, CaseIterable {
        case none
        /// The plain string `Ping test`, or JSON `{"text": "Ping test"}`.
        case hibob
        /// A JSON body whose `action` is `ping`.
        case greenhouse
    }

    public var header: String
    public var algorithm: HashAlgorithmName
    public var encoding: Encoding
    public var prefix: String
    public var deliveryIDHeader: String?
    public var ping: Ping
    /// The dotted path of the event type in a delivery's JSON body (`type` for HiBob,
    /// `action` for Greenhouse); recipes' webhook triggers list these values in `events`.
    public var eventTypeField: String?
    /// The dotted path of what a delivery is about (HiBob's `data.employeeId`, Greenhouse's
    /// candidate id): deliveries with the same value run their jobs one at a time, in arrival
    /// order, across the recipes of a folder.
    public var orderingKeyField: String?
    /// The dotted path of the event's time in a body (HiBob's `triggeredAt`): it leads the
    /// delivery's dedup key, so keys grow with time.
    public var dedupOrderField: String?

    /// The longest event-time text put in a dedup key; a longer (or non-printable) one is left out.
    public static let maxDedupOrderLength = 64

    public init(
        header: String, algorithm: HashAlgorithmName, encoding: Encoding, prefix: String = "",
        deliveryIDHeader: String? = nil, ping: Ping = .none, eventTypeField: String? = nil, orderingKeyField: String? = nil,
        dedupOrderField: String? = nil
    ) {
        self.dedupOrderField = dedupOrderField
        self.eventTypeField = eventTypeField
        self.orderingKeyField = orderingKeyField
        self.header = header
        self.algorithm = algorithm
        self.encoding = encoding
        self.prefix = prefix
        self.deliveryIDHeader = deliveryIDHeader
        self.ping = ping
    }
}

extension WebhookScheme {
    /// The event type of a delivery body, read at `eventTypeField`; `nil` when absent.
    public func eventType(of body: JSONValue) -> String? {
        eventTypeField.flatMap { Self.value(at: $0, in: body) }?.stringValue
    }

    /// The ordering key of a delivery body, read at `orderingKeyField`: a string, or an integer
    /// written in decimal; `nil` when absent, empty or another type.
    public func orderingKey(of body: JSONValue) -> String? {
        switch orderingKeyField.flatMap({ Self.value(at: $0, in: body) }) {
        case .string(let text)? where !text.isEmpty: text
        case .int(let number)?: String(number)
        default: nil
        }
    }

    /// The event time to lead the dedup key of a body: a non-empty printable ASCII string of at
    /// most `maxDedupOrderLength` characters at `dedupOrderField`, else nil.
    public func dedupOrder(of body: JSONValue) -> String? {
        guard let text = dedupOrderField.flatMap({ Self.value(at: $0, in: body) })?.stringValue, !text.isEmpty,
            text.utf8.count <= Self.maxDedupOrderLength, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") })
        else { return nil }
        return text
    }

    private static func value(at field: String, in body: JSONValue) -> JSONValue? {
        var value = body
        for key in field.split(separator: ".") {
            guard let next = value[String(key)] else { return nil }
            value = next
        }
        return value
    }
}

/// The HMAC hash functions a webhook scheme may name.
public enum HashAlgorithmName: String, Sendable, Hashable, CaseIterable {
    case sha1, sha256, sha512
}

extension Duration {
    /// A computed wait (backoff, rate-limit pacing, a vendor's Retry-After) as a duration;
    /// saturates at a day rather than trapping on a value no 64-bit duration holds.
    init(secondsValue: Double) {
        self.init(clampingSeconds: secondsValue, maximum: .seconds(86_400))
    }
}
