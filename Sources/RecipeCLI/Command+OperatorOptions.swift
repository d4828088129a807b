// The options of the operator commands (issue 8): `start`, `stop`, `status`, `jobs`, `job`,
// `rerun`, `deliveries`, `webhooks`. They work on the database directly.
import RecipeRuntime
import RecipeStore

extension Command {
    /// What every operator command takes: the project, the database and the output format.
    public struct StoreOptions: Sendable, Equatable {
        public var project = "."
        /// `--db`; `nil` means `<project>/.recipes/engine.sqlite`, as `recipes serve` uses.
        public var db: String?
        public var json = false
        public init() {}

        /// The database path, relative paths read from the current directory.
        public var databasePath: String { db ?? (project == "." ? "" : project + "/") + ".recipes/engine.sqlite" }
    }

    /// `recipes start|stop <recipe|folder>`.
    public struct LifecycleOptions: Sendable, Equatable {
        /// A recipe (`folder/name`, a path to its file, a unique name) or a folder.
        public var target: String
        public var store = StoreOptions()
        public init(target: String) { self.target = target }
    }

    /// `recipes status [folder]`.
    public struct StatusOptions: Sendable, Equatable {
        public var folder: String?
        public var store = StoreOptions()
        public init() {}
    }

    /// `recipes jobs [--recipe R] [--status S] [--since T] [--limit N]`.
    public struct JobsOptions: Sendable, Equatable {
        public var recipe: String?
        public var status: StoredJobStatus?
        public var since: OperatorTime.Since?
        public var limit = OperatorLimits.defaultListLimit
        public var store = StoreOptions()
        public init() {}
    }

    /// `recipes job <id>` and `recipes rerun <id>`.
    public struct JobOptions: Sendable, Equatable {
        public var id: Int64
        public var store = StoreOptions()
        public init(id: Int64) { self.id = id }
    }

    /// `recipes deliveries [--folder F] [--connection C] [--since T] [--limit N]`.
    public struct DeliveriesOptions: Sendable, Equatable {
        public var folder: String?
        public var connection: String?
        public var since: OperatorTime.Since?
        public var limit = OperatorLimits.defaultListLimit
        public var store = StoreOptions()
        public init() {}
    }

    /// `recipes webhooks [folder] [--host H] [--port N]`.
    public struct WebhooksOptions: Sendable, Equatable {
        public var folder: String?
        /// Where `recipes serve` listens by default.
        public var host = "127.0.0.1"
        public var port = 8080
        public var store = StoreOptions()
        public init() {}
    }
}
