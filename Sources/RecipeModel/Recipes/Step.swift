import RecipeData
import RecipeExpressions

/// One step of a recipe. Its `id` names its output (`steps.<id>.output`) and, together with
/// the recipe and loop indices, the stable path under which the job journal records it.
///
/// Steps are immutable and shared by reference: the interpreter walks them for every job,
/// and copying a step value (its strings, payload and nested lists) showed up in profiles.
public final class Step: Sendable {
    public let id: String
    public let kind: StepKind
    /// Retries of this step when it fails (actions, calls, try blocks).
    public let retry: RetryPolicy?
    /// Steps run when this step still fails after its retries; the job then continues.
    public let onError: [Step]?
    public let description: String?
    public let location: SourceLocation

    public init(
        id: String, kind: StepKind, retry: RetryPolicy? = nil, onError: [Step]? = nil,
        description: String? = nil, location: SourceLocation
    ) {
        self.id = id
        self.kind = kind
        self.retry = retry
        self.onError = onError
        self.description = description
        self.location = location
    }
}

public enum StepKind: Sendable {
    /// A connector action: `{"action": "get_employee", "connection": "hibob", "input": {...}}`.
    case action(ActionStep)
    /// A call of another recipe: `{"call": "retrieve-employee", "input": {...}, "async": false}`.
    case call(CallStep)
    /// `{"if": "...", "then": [...], "else": [...]}`.
    case condition(ConditionStep)
    /// `{"foreach": "...", "as": "item", "index": "index", "steps": [...]}`.
    case loop(LoopStep)
    /// `{"set": {"name": "{{ ... }}"}}`: variables read as `vars.name`.
    case set([Assignment])
    /// `{"stop": {"status": "succeeded" | "failed" | "skipped", "message": "..."}}`: ends the
    /// job (inside a called recipe: that call; a failed stop fails the caller's step).
    case stop(StopStep)
    /// `{"return": {...}}`: the result of a function recipe; ends the job.
    case `return`(Template)
    /// `{"try": [...], "retry": {...}, "catch": [...]}`.
    case `try`(TryStep)
    /// `{"notify": {"to": "...", "subject": "...", "body": "..."}}`: an e-mail notification.
    case notify(NotifyStep)

    /// The key that selects this kind in the recipe file.
    public var keyword: String {
        switch self {
        case .action: "action"
        case .call: "call"
        case .condition: "if"
        case .loop: "foreach"
        case .set: "set"
        case .stop: "stop"
        case .return: "return"
        case .try: "try"
        case .notify: "notify"
        }
    }

    /// The keywords, in the order the documentation lists them.
    public static let keywords = ["action", "call", "if", "foreach", "set", "stop", "return", "try", "notify"]
}

public struct ActionStep: Sendable {
    public var connection: String
    public var action: String
    public var input: Template
}

public struct CallStep: Sendable {
    /// The reference as written: `name` (same folder first) or `folder/name`.
    public var target: String
    public var targetLocation: SourceLocation
    /// Input fields mapped to the callee's parameters.
    public var input: [Assignment]
    /// Fire-and-forget: the caller does not wait and gets no result.
    public var async: Bool
}

public struct ConditionStep: Sendable {
    public var condition: Expression
    public var then: [Step]
    public var otherwise: [Step]
}

public struct LoopStep: Sendable {
    public var items: Expression
    /// Name of the loop variable (default `item`).
    public var itemName: String
    /// Name of the 0-based index variable (default `index`).
    public var indexName: String
    public var steps: [Step]
}

public struct StopStep: Sendable {
    public var failed: Bool
    /// `"status": "skipped"`: the job ends recorded as skipped (like a trigger filter that did
    /// not match), for conditions only a step can check (e.g. an employee outside the population).
    public var skipped: Bool = false
    public var message: Template?
}

public struct TryStep: Sendable {
    public var steps: [Step]
    /// Steps run when the block still fails after its retries; they can read `error`.
    public var catchSteps: [Step]
}

public struct NotifyStep: Sendable {
    public var to: Template
    public var subject: Template
    public var body: Template
}

/// `name: value` where the value is a template.
public struct Assignment: Sendable {
    public var name: String
    public var value: Template
    public var location: SourceLocation
}
