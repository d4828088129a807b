// Delivering the sandbox's own webhooks: one serial queue per sandbox, so a vendor's events
// reach the receiver in the order they happened; each attempt (success, HTTP status or
// transport error) lands in a log. Fire-and-forget: callers enqueue and never wait, and a
// failed delivery is recorded, not retried.
import Foundation
import RecipeData
import Synchronization

/// One webhook delivery attempt, as `GET /_sandbox/webhooks` lists it.
public struct WebhookAttempt: Sendable, Equatable {
    public var vendor: SandboxVendor
    /// Where it was POSTed.
    public var url: String
    /// HiBob `type`, Greenhouse `action` or HiPeople `event`.
    public var eventType: String
    /// `Greenhouse-Event-ID`, when the vendor sends one.
    public var eventID: String?
    /// The receiver's status; `nil` when no answer came (see `error`).
    public var status: Int?
    /// Why no answer came (refused, timed out, bad URL).
    public var error: String?

    public init(
        vendor: SandboxVendor, url: String, eventType: String, eventID: String? = nil, status: Int? = nil,
        error: String? = nil
    ) {
        self.vendor = vendor
        self.url = url
        self.eventType = eventType
        self.eventID = eventID
        self.status = status
        self.error = error
    }

    /// Delivered: the receiver answered 2xx.
    public var succeeded: Bool { status.map { (200..<300).contains($0) } ?? false }

    var json: JSONValue {
        .object([
            ("vendor", .string(vendor.rawValue)), ("url", .string(url)), ("type", .string(eventType)),
            ("eventId", eventID.map(JSONValue.string)), ("status", status.map(JSONValue.int)),
            ("error", error.map(JSONValue.string)),
        ])
    }
}

/// Holds the per-vendor target URLs and sends signed deliveries to them in order, in the
/// background, recording every attempt.
final class WebhookDispatcher: Sendable {
    /// One signed delivery waiting to be sent.
    struct Job: Sendable {
        var vendor: SandboxVendor
        var eventType: String
        var eventID: String?
        var delivery: WebhookDelivery
        var url: String
    }

    /// What the background task and the sandbox share.
    private final class Log: Sendable {
        struct State {
            var attempts: [WebhookAttempt] = []
            var pending = 0
        }
        let state = Mutex(State())
    }

    private let configured: [SandboxVendor: String]
    private let targets: Mutex<[SandboxVendor: String]>
    private let log = Log()
    private let queue: AsyncStream<Job>.Continuation

    init(targets: [SandboxVendor: String], sender: WebhookSender) {
        configured = targets
        self.targets = Mutex(targets)
        let (stream, queue) = AsyncStream.makeStream(of: Job.self)
        self.queue = queue
        let log = self.log
        Task.detached {
            for await job in stream {
                let attempt = await Self.deliver(job, with: sender)
                log.state.withLock { state in
                    state.attempts.append(attempt)
                    state.pending -= 1
                }
            }
        }
    }

    deinit { queue.finish() }

    /// The current target URL per vendor.
    var currentTargets: [SandboxVendor: String] { targets.withLock { $0 } }

    /// Sets (or, with `nil` or an empty string, removes) a vendor's target.
    func setTarget(_ url: String?, for vendor: SandboxVendor) {
        targets.withLock { $0[vendor] = url.flatMap { $0.isEmpty ? nil : $0 } }
    }

    /// Every attempt so far, oldest first.
    var attempts: [WebhookAttempt] { log.state.withLock { $0.attempts } }

    /// Deliveries queued or in flight.
    var pending: Int { log.state.withLock { $0.pending } }

    /// Queues `deliveries` for `vendor`'s target; returns how many were queued (0 without a target).
    @discardableResult
    func enqueue(_ deliveries: [(type: String, eventID: String?, delivery: WebhookDelivery)], for vendor: SandboxVendor) -> Int {
        guard let url = targets.withLock({ $0[vendor] }), !deliveries.isEmpty else { return 0 }
        log.state.withLock { $0.pending += deliveries.count }
        for item in deliveries {
            queue.yield(Job(vendor: vendor, eventType: item.type, eventID: item.eventID, delivery: item.delivery, url: url))
        }
        return deliveries.count
    }

    /// Back to the configured targets, with an empty log (deliveries already in flight are
    /// still recorded when they finish).
    func reset() {
        targets.withLock { $0 = configured }
        log.state.withLock { $0.attempts = [] }
    }

    private static func deliver(_ job: Job, with sender: WebhookSender) async -> WebhookAttempt {
        var attempt = WebhookAttempt(vendor: job.vendor, url: job.url, eventType: job.eventType, eventID: job.eventID)
        guard let url = URL(string: job.url), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https"
        else {
            attempt.error = "not an http(s) URL"
            return attempt
        }
        do {
            attempt.status = try await sender.send(job.delivery, to: url).status
        } catch {
            attempt.error = (error as? URLError).map { "\($0.code.rawValue): \($0.localizedDescription)" } ?? "\(error)"
        }
        return attempt
    }
}
