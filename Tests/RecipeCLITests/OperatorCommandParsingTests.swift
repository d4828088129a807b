import RecipeCLI
import RecipeRuntime
import RecipeStore
import Testing

/// Parsing of `start`, `stop`, `status`, `jobs`, `job`, `rerun`, `deliveries`, `webhooks`.
struct OperatorCommandParsingTests {
    static func store(project: String = ".", db: String? = nil, json: Bool = false) -> Command.StoreOptions {
        var options = Command.StoreOptions()
        options.project = project
        options.db = db
        options.json = json
        return options
    }

    static func lifecycle(_ target: String, _ store: Command.StoreOptions = store()) -> Command.LifecycleOptions {
        var options = Command.LifecycleOptions(target: target)
        options.store = store
        return options
    }

    static func jobs(
        recipe: String? = nil, status: StoredJobStatus? = nil, since: OperatorTime.Since? = nil, limit: Int = 50,
        _ store: Command.StoreOptions = store()
    ) -> Command.JobsOptions {
        var options = Command.JobsOptions()
        options.recipe = recipe
        options.status = status
        options.since = since
        options.limit = limit
        options.store = store
        return options
    }

    static func job(_ id: Int64, _ store: Command.StoreOptions = store()) -> Command.JobOptions {
        var options = Command.JobOptions(id: id)
        options.store = store
        return options
    }

    static func status(_ folder: String?, _ store: Command.StoreOptions = store()) -> Command.StatusOptions {
        var options = Command.StatusOptions()
        options.folder = folder
        options.store = store
        return options
    }

    static func deliveries(
        folder: String? = nil, connection: String? = nil, since: OperatorTime.Since? = nil, limit: Int = 50,
        _ store: Command.StoreOptions = store()
    ) -> Command.DeliveriesOptions {
        var options = Command.DeliveriesOptions()
        options.folder = folder
        options.connection = connection
        options.since = since
        options.limit = limit
        options.store = store
        return options
    }

    static func webhooks(_ folder: String?, host: String = "127.0.0.1", port: Int = 8080, _ store: Command.StoreOptions = store())
        -> Command.WebhooksOptions
    {
        var options = Command.WebhooksOptions()
        options.folder = folder
        options.host = host
        options.port = port
        options.store = store
        return options
    }

    @Test(arguments: [
        (["start", "hibob-docebo"], Command.start(lifecycle("hibob-docebo"))),
        (["start", "hibob-docebo/capture-user-update", "--project", "p", "--db", "x.sqlite", "--json"],
         .start(lifecycle("hibob-docebo/capture-user-update", store(project: "p", db: "x.sqlite", json: true)))),
        (["stop", "-p", "p", "hibob-docebo"], .stop(lifecycle("hibob-docebo", store(project: "p")))),
        (["status"], .status(status(nil))),
        (["status", "hibob-docebo", "--json"], .status(status("hibob-docebo", store(json: true)))),
        (["jobs"], .jobs(jobs())),
        (["jobs", "--recipe", "f/r", "--status", "failed", "--since", "2h", "--limit", "10"],
         .jobs(jobs(recipe: "f/r", status: .failed, since: .ago(7_200_000), limit: 10))),
        (["jobs", "-r", "f/r", "-s", "queued", "-n", "10000", "--since", "2026-12-02", "--db", "d"],
         .jobs(jobs(recipe: "f/r", status: .queued, since: .at(1_796_169_600_000), limit: 10000, store(db: "d")))),
        (["job", "12"], .job(job(12))),
        (["job", "--json", "7"], .job(job(7, store(json: true)))),
        (["rerun", "3", "--db", "e.sqlite"], .rerun(job(3, store(db: "e.sqlite")))),
        (["ack", "4", "--json"], .acknowledge(job(4, store(json: true)))),
        (["deliveries"], .deliveries(deliveries())),
        (["deliveries", "--folder", "hibob-docebo", "--connection", "hibob", "--since", "30m", "--limit", "5", "--json"],
         .deliveries(deliveries(folder: "hibob-docebo", connection: "hibob", since: .ago(1_800_000), limit: 5, store(json: true)))),
        (["webhooks"], .webhooks(webhooks(nil))),
        (["webhooks", "hibob-docebo", "--host", "hooks.example.com", "--port", "443"],
         .webhooks(webhooks("hibob-docebo", host: "hooks.example.com", port: 443))),
        (["webhooks", "--host", "::1", "--json"], .webhooks(webhooks(nil, host: "::1", store(json: true)))),
    ])
    func parses(_ arguments: [String], _ expected: Command) throws {
        #expect(try Command.parse(arguments) == expected)
    }

    @Test(arguments: [
        (["start"], "start needs a RECIPE (folder/name) or a FOLDER"),
        (["stop", "a", "b"], "unexpected argument 'b' (RECIPE is already 'a')"),
        (["start", "a", "--force"], "unknown option '--force'"),
        (["start", "a", "--db"], "--db needs a value"),
        (["status", "a", "b"], "unexpected argument 'b' (FOLDER is already 'a')"),
        (["jobs", "--limit", "0"], "--limit: a limit is a whole number from 1 to 10000, not '0'"),
        (["jobs", "--limit", "10001"], "--limit: a limit is a whole number from 1 to 10000, not '10001'"),
        (["jobs", "--status", "faild"],
         "--status: no job status 'faild'; did you mean 'failed'? (one of queued, running, succeeded, failed, cancelled)"),
        (["jobs", "--since", "yesterday"],
         "--since: 'yesterday' is not a time: use an age such as 30m, 1h, 2d or an ISO 8601 UTC time such as 2026-12-02T12:00:00Z"),
        (["jobs", "--since", "400d"], "--since: '400d' reaches back more than the limit of 366d; give a date instead"),
        (["jobs", "failed"], "unknown argument 'failed' for jobs"),
        (["job"], "job needs a job ID (as 'recipes jobs' lists it)"),
        (["job", "abc"], "a job id is a whole number from 1 up, not 'abc'"),
        (["rerun", "0"], "a job id is a whole number from 1 up, not '0'"),
        (["rerun", "1", "2"], "unexpected argument '2' (ID is already '1')"),
        (["deliveries", "--folder"], "--folder needs a value"),
        (["deliveries", "hibob-docebo"], "unknown argument 'hibob-docebo' for deliveries"),
        (["webhooks", "--port", "0"], "--port needs a whole number from 1 to 65535, not '0'"),
        (["webhooks", "--host", "evil.com/x?"], "--host needs a host name or IP address, not 'evil.com/x?'"),
        (["jbos"], "unknown command 'jbos'; did you mean 'jobs'?"),
    ])
    func rejects(_ arguments: [String], _ message: String) {
        #expect(throws: UsageError(message)) { try Command.parse(arguments) }
    }

    @Test(arguments: Command.operatorNames)
    func everyOperatorCommandTakesHelp(_ name: String) throws {
        #expect(try Command.parse([name, "--help"]) == .help(topic: name))
        #expect(try Command.parse([name, "x", "--json", "-h"]) == .help(topic: name))
        #expect(try Command.parse(["help", name]) == .help(topic: name))
    }

    @Test func theDatabaseDefaultsToTheProjectsRecipesDirectory() {
        #expect(Self.store().databasePath == ".recipes/engine.sqlite")
        #expect(Self.store(project: "/srv/p").databasePath == "/srv/p/.recipes/engine.sqlite")
        #expect(Self.store(project: "p", db: "/tmp/e.sqlite").databasePath == "/tmp/e.sqlite")
    }
}
