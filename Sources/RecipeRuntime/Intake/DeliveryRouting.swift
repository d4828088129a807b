// From an accepted webhook delivery to what the store appends: the delivery row and one job per
// started recipe that listens for its event (issue 8: "One URL per folder and connection feeds
// every started recipe in that folder whose trigger matches the event type and filter"; the
// filter is evaluated when the job runs, which records it as skipped).
//
// Keys are namespaced here, once:
// - dedup key: `<folder>/<connection>/<vendor key>` — a redelivery to the same URL matches;
// - ordering key: `<folder>/<connection>/<what the delivery is about>` — the key spans every
//   recipe of the folder listening on the connection, so create, update and delete of one
//   employee run in arrival order even though different recipes handle them.
import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeExpressions
import RecipeIntake
import RecipeModel
import RecipeStore

/// Builds the store's intake records for accepted deliveries.
public struct DeliveryRouting: Sendable {
    public let project: Project
    /// Webhook schemes by connection (the ordering-key path).
    public let schemes: [String: WebhookScheme]
    /// Scrubs secrets from what is stored (the body, the trigger), as traces are scrubbed.
    public let redactor: (any TraceRedactor)?

    public init(project: Project, schemes: [String: WebhookScheme], redactor: (any TraceRedactor)? = nil) {
        self.project = project
        self.schemes = schemes
        self.redactor = redactor
    }

    /// The delivery to append and the jobs of the started recipes among `delivery.recipes`.
    public func intake(for delivery: AcceptedDelivery, lifecycles: [String: RecipeLifecycle]) -> DeliveryIntake {
        let receivedAt = Timestamp.milliseconds(delivery.receivedAt)
        let scope = "\(delivery.folder)/\(delivery.connection)/"
        var headers: [String: String] = [:]
        for field in delivery.headers.fields { headers[field.name.lowercased()] = field.value }
        let body = redactedBody(delivery.body)
        let stored = NewDelivery(
            body: body, headers: headers, connection: delivery.connection, folder: delivery.folder,
            receivedAt: receivedAt, dedupKey: scope + delivery.dedupKey,
            verification: schemes[delivery.connection] == nil ? .unsigned : .verified)
        let key = schemes[delivery.connection]?.orderingKey(of: delivery.payload).map { scope + $0 }
        let payload = redactor?.redact(delivery.payload) ?? delivery.payload
        // Neither redacted: the stored body parses to the trigger, so it is stored once.
        let triggerIsBody = body == delivery.body && (redactor == nil || payload == delivery.payload)
        var jobs: [NewJob] = []
        for id in delivery.recipes {
            guard let lifecycle = lifecycles[id.description], lifecycle.state == .started,
                let recipe = project.recipes[id]
            else { continue }
            var debounce: Int64?
            var recipeKey = key
            if case .webhook(let trigger) = recipe.trigger {
                debounce = trigger.debounce?.milliseconds
                if let expression = trigger.key { recipeKey = orderingKey(expression, payload: delivery.payload).map { scope + $0 } }
            }
            var job = NewJob(
                recipe: id.description, contentHash: lifecycle.pinnedContentHash ?? recipe.contentHash,
                trigger: payload, orderingKey: recipeKey, createdAt: receivedAt, debounce: debounce)
            job.triggerIsDeliveryBody = triggerIsBody
            jobs.append(job)
        }
        return DeliveryIntake(stored, jobs: jobs)
    }

    /// A trigger's `key` over the delivery: a string, or an integer in decimal; `nil` (no
    /// ordering) when it is empty, another type, or cannot be evaluated (the job's own run
    /// then reports what is wrong with the payload).
    private func orderingKey(_ expression: RecipeExpressions.Expression, payload: JSONValue) -> String? {
        let environment = EvaluationEnvironment(tables: project.tables)
        switch try? expression.evaluate(in: ValueScope(["trigger": payload]), environment: environment) {
        case .string(let text)? where !text.isEmpty: return text
        case .int(let number)?: return String(number)
        default: return nil
        }
    }

    /// The body as stored: unchanged unless it holds a secret the redactor knows (a vendor
    /// echoing a credential), then its redacted text.
    private func redactedBody(_ body: [UInt8]) -> [UInt8] {
        guard let redactor else { return body }
        let text = String(decoding: body, as: UTF8.self)
        let redacted = redactor.redact(text)
        return redacted == text ? body : Array(redacted.utf8)
    }
}
