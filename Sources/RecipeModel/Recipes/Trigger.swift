import Foundation
import RecipeData
import RecipeExpressions

/// What starts a job of a recipe.
public enum Trigger: Sendable {
    /// Webhook deliveries from a connection (for example HiBob `employee.updated`).
    case webhook(WebhookTrigger)
    /// A cron schedule in a time zone.
    case schedule(ScheduleTrigger)
    /// A call from another recipe, with typed parameters and result.
    case function(FunctionTrigger)
    /// Started by hand (`recipes run`).
    case manual(SourceLocation)

    public var kindName: String {
        switch self {
        case .webhook: "webhook"
        case .schedule: "schedule"
        case .function: "function"
        case .manual: "manual"
        }
    }
}

public struct WebhookTrigger: Sendable {
    /// The connection whose webhooks start this recipe (its name in `connections.json`).
    public var connection: String
    /// Event types this recipe listens for, matched against the delivery's event type.
    public var events: [String]
    /// "Who to listen for": only deliveries for which this is true start a job.
    public var filter: RecipeExpressions.Expression?
    /// Wait until the delivery's key has been quiet this long, then run once with the latest
    /// delivery (`recipes serve`): HiBob reads can be stale for ~20 s after a change, and one
    /// edit fires several events.
    public var debounce: Duration?
    /// What a delivery is about, when not the connector's `orderingKey` path: an expression
    /// over `trigger`. Jobs whose keys are equal run one at a time, in arrival order.
    public var key: RecipeExpressions.Expression?
    public var location: SourceLocation

    /// The longest `debounce` a trigger may ask for.
    public static let maxDebounce: Duration = .seconds(3600)

    public init(
        connection: String, events: [String], filter: RecipeExpressions.Expression? = nil, debounce: Duration? = nil,
        key: RecipeExpressions.Expression? = nil, location: SourceLocation
    ) {
        self.key = key
        self.connection = connection
        self.events = events
        self.filter = filter
        self.debounce = debounce
        self.location = location
    }
}

public struct ScheduleTrigger: Sendable {
    public var cron: CronSchedule
    /// The cron text as written, for display.
    public var cronText: String
    public var timeZone: TimeZone
    /// Run once when the recipe is started (an initial full sync).
    public var runOnStart: Bool
    public var location: SourceLocation
}

public struct FunctionTrigger: Sendable {
    public var parameters: [Parameter]
    /// The declared result fields; `nil` when the function returns nothing.
    public var result: [Parameter]?
    public var location: SourceLocation

    public func parameter(named name: String) -> Parameter? { parameters.first { $0.name == name } }
}

/// A typed field of a function's parameters or result.
public struct Parameter: Sendable {
    public var name: String
    public var type: ValueType
    public var required: Bool
    public var defaultValue: JSONValue?
    public var description: String?
    public var location: SourceLocation
}

/// The types a parameter or result field can declare.
public enum ValueType: String, Sendable, CaseIterable {
    case string, number, integer, boolean, object, array, any

    /// Whether a value fits this type; `null` fits none (optional fields may be absent).
    public func accepts(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.any, _): true
        case (.string, .string), (.boolean, .bool), (.object, .object), (.array, .array): true
        case (.number, .int), (.number, .double), (.integer, .int): true
        case (.integer, .double(let d)): d.rounded() == d
        default: false
        }
    }
}
