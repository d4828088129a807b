import RecipeData

/// What a function implementation gets besides its arguments.
public struct FunctionContext: Sendable {
    /// The function's name, for messages.
    public let name: String
    /// Where the call is written.
    public let location: SourceLocation
    public let environment: EvaluationEnvironment

    /// An error located at the call, prefixed with the function name: "lower: ...".
    public func error(_ message: String) -> EvaluationError {
        EvaluationError("\(name): \(message)", at: location)
    }
}

/// One built-in (or engine-registered) function.
public struct FunctionDefinition: Sendable {
    public typealias Implementation =
        @Sendable (_ arguments: [JSONValue], _ context: FunctionContext) throws(EvaluationError) -> JSONValue

    public let name: String
    public let minArity: Int
    /// `nil` for variadic functions.
    public let maxArity: Int?
    /// Pure functions with constant arguments are evaluated once at parse time.
    public let isPure: Bool
    public let implementation: Implementation

    public init(
        _ name: String, arity: ClosedRange<Int>, pure: Bool = true,
        _ implementation: @escaping Implementation
    ) {
        self.init(name, minArity: arity.lowerBound, maxArity: arity.upperBound, pure: pure, implementation)
    }

    public init(
        _ name: String, minArity: Int, maxArity: Int?, pure: Bool = true,
        _ implementation: @escaping Implementation
    ) {
        self.name = name
        self.minArity = minArity
        self.maxArity = maxArity
        self.isPure = pure
        self.implementation = implementation
    }

    func accepts(argumentCount count: Int) -> Bool {
        count >= minArity && (maxArity.map { count <= $0 } ?? true)
    }

    /// "'lower' takes 1 argument but 2 were given".
    func arityMessage(given count: Int) -> String {
        func plural(_ n: Int) -> String { n == 1 ? "\(n) argument" : "\(n) arguments" }
        let expected: String
        if let maxArity, maxArity == minArity {
            expected = plural(minArity)
        } else if let maxArity {
            expected = "\(minArity) to \(plural(maxArity))"
        } else {
            expected = "at least \(plural(minArity))"
        }
        return "'\(name)' takes \(expected) but \(count) \(count == 1 ? "was" : "were") given"
    }
}

/// The functions an expression may call, resolved at parse time so unknown names and wrong
/// argument counts are load-time errors.
public struct FunctionRegistry: Sendable {
    private var definitions: [String: FunctionDefinition]

    public init(_ definitions: [FunctionDefinition]) {
        var byName: [String: FunctionDefinition] = [:]
        for definition in definitions { byName[definition.name] = definition }
        self.definitions = byName
    }

    public subscript(name: String) -> FunctionDefinition? { definitions[name] }

    /// All function names, sorted.
    public var names: [String] { definitions.keys.sorted() }

    /// Adds or replaces a function.
    public mutating func register(_ definition: FunctionDefinition) {
        definitions[definition.name] = definition
    }

    /// The built-in library.
    public static let standard = FunctionRegistry(
        textFunctions + collectionFunctions + numberFunctions + dateFunctions + miscFunctions + secretFunctions)

    /// "unknown function 'lowr'; did you mean 'lower'?"
    func unknownFunctionMessage(_ name: String) -> String {
        var message = "unknown function '\(name)'"
        if let suggestion = Suggestion.closest(to: name, among: names) { message += "; did you mean '\(suggestion)'?" }
        return message
    }
}
