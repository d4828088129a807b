// Parsing of the operator commands; `Command.parse` hands their arguments here.
import RecipeRuntime
import RecipeStore

extension Command {
    /// The operator commands, in the order `recipes help` lists them.
    public static let operatorNames = ["start", "stop", "status", "jobs", "job", "rerun", "ack", "deliveries", "webhooks"]

    /// Parses the arguments after an operator command's name.
    static func parseOperator(_ name: String, _ rest: inout ArgumentCursor) throws(UsageError) -> Command {
        var store = StoreOptions()
        var positional: String?
        switch name {
        case "start", "stop":
            while let argument = rest.next() {
                if try store.parse(argument, &rest) { continue }
                try rest.positional(argument, into: &positional, name: "RECIPE")
            }
            guard let target = positional else { throw UsageError("\(name) needs a RECIPE (folder/name) or a FOLDER") }
            var options = LifecycleOptions(target: target)
            options.store = store
            return name == "start" ? .start(options) : .stop(options)
        case "status":
            var options = StatusOptions()
            while let argument = rest.next() {
                if try store.parse(argument, &rest) { continue }
                try rest.positional(argument, into: &options.folder, name: "FOLDER")
            }
            options.store = store
            return .status(options)
        case "jobs":
            var options = JobsOptions()
            while let argument = rest.next() {
                if try store.parse(argument, &rest) { continue }
                switch argument {
                case "--recipe", "-r": options.recipe = try rest.value(for: argument)
                case "--status", "-s": options.status = try rest.checked(for: argument, OperatorInput.jobStatus)
                case "--since": options.since = try rest.checked(for: argument, OperatorTime.parseSince)
                case "--limit", "-n": options.limit = try rest.checked(for: argument, OperatorInput.listLimit)
                default: throw UsageError("unknown argument '\(argument)' for jobs")
                }
            }
            options.store = store
            return .jobs(options)
        case "job", "rerun", "ack":
            while let argument = rest.next() {
                if try store.parse(argument, &rest) { continue }
                try rest.positional(argument, into: &positional, name: "ID")
            }
            guard let text = positional else { throw UsageError("\(name) needs a job ID (as 'recipes jobs' lists it)") }
            let id: Int64
            do { id = try OperatorInput.jobID(text) } catch { throw UsageError(error.message) }
            var options = JobOptions(id: id)
            options.store = store
            switch name {
            case "job": return .job(options)
            case "rerun": return .rerun(options)
            default: return .acknowledge(options)
            }
        case "deliveries":
            var options = DeliveriesOptions()
            while let argument = rest.next() {
                if try store.parse(argument, &rest) { continue }
                switch argument {
                case "--folder", "-f": options.folder = try rest.value(for: argument)
                case "--connection", "-c": options.connection = try rest.value(for: argument)
                case "--since": options.since = try rest.checked(for: argument, OperatorTime.parseSince)
                case "--limit", "-n": options.limit = try rest.checked(for: argument, OperatorInput.listLimit)
                default: throw UsageError("unknown argument '\(argument)' for deliveries")
                }
            }
            options.store = store
            return .deliveries(options)
        default:  // webhooks
            var options = WebhooksOptions()
            while let argument = rest.next() {
                if try store.parse(argument, &rest) { continue }
                switch argument {
                case "--host": options.host = try rest.hostName(for: argument)
                case "--port": options.port = try rest.integer(for: argument, in: 1...65535)
                default: try rest.positional(argument, into: &options.folder, name: "FOLDER")
                }
            }
            options.store = store
            return .webhooks(options)
        }
    }
}

extension Command.StoreOptions {
    /// Takes `--project`, `--db` and `--json` (reading their values from `rest`); `false` for
    /// any other argument.
    mutating func parse(_ argument: String, _ rest: inout ArgumentCursor) throws(UsageError) -> Bool {
        switch argument {
        case "--project", "-p": project = try rest.value(for: argument)
        case "--db": db = try rest.value(for: argument)
        case "--json": json = true
        default: return false
        }
        return true
    }
}

extension ArgumentCursor {
    /// The option's value read through a checked parser; its error becomes the usage message.
    mutating func checked<T>(
        for option: String, _ parse: (String) throws(OperatorInputError) -> T
    ) throws(UsageError) -> T {
        let text = try value(for: option)
        do { return try parse(text) } catch { throw UsageError("\(option): \(error.message)") }
    }

    /// A host name or address for a URL: letters, digits and `.-:[]` only.
    mutating func hostName(for option: String) throws(UsageError) -> String {
        let text = try value(for: option)
        let allowed = text.utf8.allSatisfy { byte in
            (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || Array(".-:[]".utf8).contains(byte)
        }
        guard !text.isEmpty, text.utf8.count <= 253, allowed else {
            throw UsageError("\(option) needs a host name or IP address, not '\(text)'")
        }
        return text
    }
}
