import RecipeData
import RecipeSandbox

/// A parsed command line. Parsing is pure (`[String] -> Command`) so it is tested without
/// running anything; `CommandLineTool` performs the command.
public enum Command: Sendable, Equatable {
    case validate(path: String, quiet: Bool)
    case run(RunOptions)
    case test(TestOptions)
    case graph(folder: String?, project: String)
    case schema
    case demo(DemoOptions)
    case sandbox(SandboxOptions)
    case serve(ServeOptions)
    case help(topic: String?)
    case version

    // MARK: Operator commands (issue 8), on the database; options in Command+OperatorOptions.swift
    case start(LifecycleOptions)
    case stop(LifecycleOptions)
    case status(StatusOptions)
    case jobs(JobsOptions)
    case job(JobOptions)
    case rerun(JobOptions)
    case acknowledge(JobOptions)
    case deliveries(DeliveriesOptions)
    case webhooks(WebhooksOptions)

    /// `recipes clone` (issue 9); options and parsing in CommandLineTool+Clone.swift.
    case clone(CloneOptions)

    public struct DemoOptions: Sendable, Equatable {
        public var folder = "hibob-docebo"
        public var project = "."
        public var employees = 200
        public var trace = false
        public init() {}
    }

    public struct SandboxOptions: Sendable, Equatable {
        public var host = "127.0.0.1"
        public var port = SandboxServer.examplePort
        /// Where the SMTP sink listens; `nil` (no `--smtp-port`) means `resolvedSMTPPort`.
        public var smtpPort: Int?
        public var employees = 200
        public var seed: UInt64 = 42
        /// vendor → URL: where the sandbox sends the signed webhooks of its changes.
        public var webhooks: [String: String] = [:]
        /// Print a line per request answered.
        public var log = false
        public init() {}

        /// The SMTP port to bind: `--smtp-port` when given; otherwise a free one when `--port 0`
        /// asked for a free HTTP port (so a second sandbox or a test never collides on a fixed
        /// port), else 8025, the relay `connections.example.json` names.
        public var resolvedSMTPPort: Int { smtpPort ?? (port == 0 ? 0 : SandboxServer.exampleSMTPPort) }
    }

    public struct ServeOptions: Sendable, Equatable {
        public var host = "127.0.0.1"
        public var port = 8080
        /// The SQLite file; `nil` means `<project>/.recipes/engine.sqlite`.
        public var database: String?
        /// The connections file; `nil` means `<project>/connections.json`.
        public var connections: String?
        public var sandbox = false
        public var project = "."
        public init() {}
    }

    public struct RunOptions: Sendable, Equatable {
        public var recipe: String
        public var project = "."
        /// A file path, `-` for standard input, or `nil` for `{}`.
        public var input: String?
        public var mocks: String?
        /// A connections file: run against real (or sandbox) APIs.
        public var connections: String?
        /// Start the sandbox in this process and point the example connections at it.
        public var sandbox = false
        public var trace = false
        public var json = false

        public init(recipe: String) { self.recipe = recipe }
    }
}

extension Command {
    /// `recipes test [FOLDER|RECIPE|FILE] [--json] [--project DIR]`, or `--schema`.
    public struct TestOptions: Sendable, Equatable {
        /// A folder, a recipe (its cases only) or a test case file; `nil` for every folder.
        public var target: String?
        public var project = "."
        public var json = false
        /// Print the JSON Schema of test case files instead of running them.
        public var schema = false
        public init() {}
    }
}

/// A command line that does not parse; printed with the usage, exit status 64 (EX_USAGE).
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension Command {
    /// The command names, as `recipes help` lists them.
    public static let names = ["validate", "run", "test", "graph", "schema", "demo", "sandbox", "serve", "clone", "help", "version"] + operatorNames

    public static func parse(_ arguments: [String]) throws(UsageError) -> Command {
        guard let name = arguments.first else { return .help(topic: nil) }
        // `recipes COMMAND --help` (or -h) anywhere in a known command's arguments shows its help.
        if names.contains(name), arguments.dropFirst().contains(where: { $0 == "--help" || $0 == "-h" }) {
            return .help(topic: name == "help" ? nil : name)
        }
        var rest = ArgumentCursor(Array(arguments.dropFirst()))
        switch name {
        case "validate":
            var quiet = false
            var path: String?
            while let argument = rest.next() {
                switch argument {
                case "--quiet", "-q": quiet = true
                default: try rest.positional(argument, into: &path, name: "PATH")
                }
            }
            return .validate(path: path ?? ".", quiet: quiet)
        case "run":
            var options = RunOptions(recipe: "")
            var recipe: String?
            while let argument = rest.next() {
                switch argument {
                case "--input", "-i": options.input = try rest.value(for: argument)
                case "--mocks", "-m": options.mocks = try rest.value(for: argument)
                case "--connections", "-c": options.connections = try rest.value(for: argument)
                case "--sandbox": options.sandbox = true
                case "--project", "-p": options.project = try rest.value(for: argument)
                case "--trace", "-t": options.trace = true
                case "--json": options.json = true
                default: try rest.positional(argument, into: &recipe, name: "RECIPE")
                }
            }
            guard let recipe else { throw UsageError("run needs a RECIPE (folder/name or a path to its file)") }
            if options.sandbox && options.connections != nil {
                throw UsageError("--sandbox and --connections cannot be combined: the sandbox brings its own connections")
            }
            options.recipe = recipe
            return .run(options)
        case "test":
            var options = TestOptions()
            while let argument = rest.next() {
                switch argument {
                case "--project", "-p": options.project = try rest.value(for: argument)
                case "--json": options.json = true
                case "--schema": options.schema = true
                default: try rest.positional(argument, into: &options.target, name: "FOLDER|RECIPE|FILE")
                }
            }
            if options.schema && (options.target != nil || options.json) {
                throw UsageError("test --schema prints the schema of test case files and takes no other argument")
            }
            return .test(options)
        case "graph":
            var folder: String?
            var project = "."
            while let argument = rest.next() {
                switch argument {
                case "--project", "-p": project = try rest.value(for: argument)
                default: try rest.positional(argument, into: &folder, name: "FOLDER")
                }
            }
            return .graph(folder: folder, project: project)
        case "demo":
            var options = DemoOptions()
            while let argument = rest.next() {
                switch argument {
                case "--folder": options.folder = try rest.value(for: argument)
                case "--project", "-p": options.project = try rest.value(for: argument)
                case "--employees": options.employees = try rest.integer(for: argument, in: 50...100_000)
                case "--trace", "-t": options.trace = true
                default: throw UsageError("unknown argument '\(argument)' for demo")
                }
            }
            return .demo(options)
        case "sandbox":
            var options = SandboxOptions()
            while let argument = rest.next() {
                switch argument {
                case "--port": options.port = try rest.integer(for: argument, in: 0...65535)
                case "--smtp-port": options.smtpPort = try rest.integer(for: argument, in: 0...65535)
                case "--log": options.log = true
                case "--host": options.host = try rest.value(for: argument)
                case "--employees": options.employees = try rest.integer(for: argument, in: 50...100_000)
                case "--seed": options.seed = UInt64(try rest.integer(for: argument, in: 0...Int.max))
                case "--webhooks":
                    let value = try rest.value(for: argument)
                    guard let equals = value.firstIndex(of: "="), value[value.index(after: equals)...].hasPrefix("http") else {
                        throw UsageError("--webhooks needs VENDOR=URL, for example hibob=http://127.0.0.1:8080/webhooks/hibob-docebo/hibob")
                    }
                    options.webhooks[String(value[..<equals])] = String(value[value.index(after: equals)...])
                default: throw UsageError("unknown argument '\(argument)' for sandbox")
                }
            }
            return .sandbox(options)
        case "serve":
            var options = ServeOptions()
            while let argument = rest.next() {
                switch argument {
                case "--port": options.port = try rest.integer(for: argument, in: 0...65535)
                case "--host": options.host = try rest.value(for: argument)
                case "--db": options.database = try rest.value(for: argument)
                case "--connections", "-c": options.connections = try rest.value(for: argument)
                case "--sandbox": options.sandbox = true
                case "--project", "-p": options.project = try rest.value(for: argument)
                default: throw UsageError("unknown argument '\(argument)' for serve")
                }
            }
            if options.sandbox && options.connections != nil {
                throw UsageError("--sandbox and --connections cannot be combined: the sandbox brings its own connections")
            }
            return .serve(options)
        case "clone":
            return try parseClone(&rest)
        case "schema":
            if let extra = rest.next() { throw UsageError("schema takes no arguments, got '\(extra)'") }
            return .schema
        case "help", "--help", "-h":
            guard let topic = rest.next() else { return .help(topic: nil) }
            guard names.contains(topic) else {
                throw UsageError("no command '\(topic)' to show help for\(Suggestion.didYouMean(topic, among: names))")
            }
            if let extra = rest.next() { throw UsageError("help takes one COMMAND, got '\(extra)' too") }
            return .help(topic: topic == "help" ? nil : topic)
        case "version", "--version":
            return .version
        // Operator commands (issue 8): Command+OperatorParsing.swift
        case _ where operatorNames.contains(name):
            return try parseOperator(name, &rest)
        default:
            let hint = Suggestion.didYouMean(name, among: names)
            throw UsageError("unknown command '\(name)'\(hint)")
        }
    }
}

/// Walks the arguments of one command.
struct ArgumentCursor {
    private var arguments: [String]
    private var index = 0

    init(_ arguments: [String]) { self.arguments = arguments }

    mutating func next() -> String? {
        guard index < arguments.count else { return nil }
        defer { index += 1 }
        return arguments[index]
    }

    mutating func value(for option: String) throws(UsageError) -> String {
        guard let value = next() else { throw UsageError("\(option) needs a value") }
        return value
    }

    mutating func integer(for option: String, in range: ClosedRange<Int>) throws(UsageError) -> Int {
        let text = try value(for: option)
        guard let number = Int(text), range.contains(number) else {
            throw UsageError("\(option) needs a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return number
    }

    func positional(_ argument: String, into slot: inout String?, name: String) throws(UsageError) {
        if argument.hasPrefix("-") && argument != "-" { throw UsageError("unknown option '\(argument)'") }
        guard slot == nil else { throw UsageError("unexpected argument '\(argument)' (\(name) is already '\(slot!)')") }
        slot = argument
    }
}
