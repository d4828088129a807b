import Foundation
import RecipeData

/// Resolves the root names of paths (`trigger`, `input`, `steps`, `vars`, loop variables...).
///
/// The engine decides which names exist; returning `nil` means "unknown name" and the path
/// evaluates to `null`, like any other missing key.
public protocol EvaluationScope {
    func value(forName name: String) -> JSONValue?
}

/// A scope backed by a dictionary, for tests, tools and simple engines.
public struct ValueScope: EvaluationScope, Sendable {
    public var values: [String: JSONValue]

    public init(_ values: [String: JSONValue] = [:]) {
        self.values = values
    }

    public func value(forName name: String) -> JSONValue? { values[name] }
}

/// Everything outside the scope an evaluation may use: lookup tables, the clock, the UUID
/// source and the run-time limits. Injecting the clock and UUIDs keeps evaluation reproducible.
///
/// A class of constants, so an evaluation holds it with one reference instead of copying the
/// tables, closures and limits every time (that copy was measurable on the hot path).
public final class EvaluationEnvironment: Sendable {
    /// Tables for `lookup(table, criteria)`.
    public let tables: LookupTableSet
    /// The clock read by `now()`.
    public let now: @Sendable () -> Date
    /// The source of `uuid()`; must return a lowercase UUID text.
    public let makeUUID: @Sendable () -> String
    public let limits: ExpressionLimits

    /// Defaults: no tables, the system clock, random version-4 UUIDs, default limits.
    public init(
        tables: LookupTableSet = LookupTableSet(),
        now: @escaping @Sendable () -> Date = { Date() },
        makeUUID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
        limits: ExpressionLimits = .default
    ) {
        self.tables = tables
        self.now = now
        self.makeUUID = makeUUID
        self.limits = limits
    }

    /// An environment with every default.
    public static let `default` = EvaluationEnvironment()
}

/// The empty scope used for constant folding.
struct EmptyScope: EvaluationScope {
    func value(forName name: String) -> JSONValue? { nil }
}
