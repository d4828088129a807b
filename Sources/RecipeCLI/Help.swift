/// Every text the tool prints about itself.
enum Help {
    static let version = "0.1.0"

    static let usage = """
        usage: recipes <command> [options]

        commands:
          validate [PATH] [--quiet]       check every recipe and lookup table; compiler-style messages
          run RECIPE [--input FILE|-] [--mocks FILE | --connections FILE | --sandbox] [--trace] [--json] [--project DIR]
                                          run one job of a recipe and print its result
          test [FOLDER|RECIPE|FILE] [--json] [--project DIR]
                                          run the test cases in recipes/<folder>/tests/ against mocks
          graph [FOLDER] [--project DIR]  print the call graph and triggers as Mermaid text
          demo [--folder F] [--trace] [--employees N]
                                          the main job: sandbox HiBob changes → webhooks → recipes → sandbox Docebo
          sandbox [--port N] [--smtp-port N] [--host H] [--employees N] [--seed N] [--webhooks VENDOR=URL]... [--log]
                                          serve the fake vendor APIs until SIGTERM/SIGINT
          serve [--port N] [--host H] [--db PATH] [--connections FILE | --sandbox] [--project DIR]
                                          the durable engine: webhooks in, jobs run and recorded, until SIGTERM/SIGINT
          schema                          print the JSON Schema of recipe files
          clone FOLDER NEW-FOLDER [--connection OLD=NEW]... [--project DIR] [--json]
                                          copy a bundle folder for production use, re-binding connections

        operator commands (on the database; --project DIR, --db PATH, --json):
          start RECIPE|FOLDER             start recipes, pinning their current content
          stop RECIPE|FOLDER              stop recipes
          status [FOLDER]                 started/stopped, content changed, last job, failures in 24 h
          jobs [--recipe R] [--status S] [--since T] [--limit N]
                                          the job history, newest first
          job ID                          one job: trigger, result or error, children, journal
          rerun ID                        queue a new job with a finished job's trigger
          ack ID                          acknowledge a failed job (retention may then prune it)
          deliveries [--folder F] [--connection C] [--since T] [--limit N]
                                          accepted webhook deliveries and the jobs they started
          webhooks [FOLDER] [--host H] [--port N]
                                          the webhook URL of each folder and connection

          help [COMMAND]                  show help
          version                         show the version
        """

    static func text(for topic: String?) -> String {
        switch topic {
        case "validate":
            return """
                recipes validate [PATH] [--quiet]
                  Loads every recipe under PATH/recipes and every table under PATH/lookup-tables and
                  reports all problems as FILE:LINE:COL: error|warning: MESSAGE. PATH may also be a
                  folder or file inside a project; then only its problems are shown.
                  Exit status: 0 clean (warnings allowed), 1 errors, 64 usage.
                """
        case "run":
            return """
                recipes run RECIPE [--input FILE|-] [--mocks FILE] [--connections FILE | --sandbox] [--trace] [--json] [--project DIR]
                  Runs one job of RECIPE (folder/name, a path to its file, or a unique name) with the
                  JSON payload in FILE (or standard input with -; default {}), following sub-recipe
                  calls. --connections uses the vendor APIs of a connections file (secrets from the
                  environment or files; notifications through its SMTP relay); --sandbox starts the
                  sandbox here and uses connections.example.json against it. --mocks answers the
                  listed actions from a JSON file instead (see docs/recipe-format.md).
                  --trace prints every step; --json prints the whole job record.
                  Exit status: 0 when the job succeeded or was skipped, 1 when it failed.
                """
        case "test":
            return """
                recipes test [FOLDER|RECIPE|FILE] [--json] [--project DIR]
                recipes test --schema
                  Runs the test cases stored beside the bundles, recipes/<folder>/tests/*.json: each
                  runs its recipe's job with the trigger and connector mocks it gives (retry waits
                  skipped, e-mails recorded, nothing sent) and checks its expectations: the job's
                  status, result, message and error, every action called with its input (in
                  order), every e-mail sent. Prints PASS or FAIL per case, expected against actual
                  for each unmet expectation, and "N passed, N failed". A FOLDER runs its cases, a
                  RECIPE the cases of that recipe, a FILE one case; default: every folder. Problems
                  in a case file are reported as FILE:LINE:COL: error: MESSAGE. --json prints one
                  JSON document instead. --schema prints the JSON Schema of test case files (also
                  docs/recipe-test.schema.json). See docs/recipe-tests.md.
                  Exit status: 0 all passed, 1 a case failed or could not be read, 64 usage.
                """
        case "graph":
            return """
                recipes graph [FOLDER] [--project DIR]
                  Prints a Mermaid flowchart of triggers (webhook events, schedules) and sub-recipe
                  calls, for the whole project or one folder.
                """
        case "demo":
            return """
                recipes demo [--folder F] [--project DIR] [--employees N] [--trace]
                  Starts the sandbox in this process, points connections.example.json at it, then
                  hires, moves, terminates and deletes an employee in the sandbox's HiBob. Each
                  signed webhook is verified with the connection's secret and runs the recipes of
                  folder F (default hibob-docebo) that listen for its event; they call the sandbox
                  APIs over real HTTP. Prints each job (every step with --trace) and the Docebo user.
                """
        case "sandbox":
            return """
                recipes sandbox [--port N] [--smtp-port N] [--host H] [--employees N] [--seed N] [--webhooks VENDOR=URL]... [--log]
                  Serves fake HiBob, Docebo, 360Learning, Greenhouse, Recruit, Reachdesk and HiPeople
                  APIs under /<vendor> on one port (default 127.0.0.1:8099; 0 picks a free port)
                  with a generated company, until SIGTERM or SIGINT. With --webhooks hibob=URL, the
                  employee changes made through /_sandbox/hibob/employees (create, update, terminate,
                  delete) are sent to URL as webhooks signed like HiBob's. An SMTP sink listens on
                  --smtp-port (default 8025, or a free port with --port 0; the banner prints it)
                  and keeps what it receives: GET /_sandbox/mail.
                  --log prints a line per request answered (method, path, status, time).
                  See docs/sandbox.md.
                """
        case "serve":
            return """
                recipes serve [--port N] [--host H] [--db PATH] [--connections FILE | --sandbox] [--project DIR]
                  Runs the durable engine until SIGTERM or SIGINT: receives webhooks at
                  POST /webhooks/<folder>/<connection> (verified, stored on disk before the 200),
                  runs the started recipes' jobs from the store (one at a time per employee, in
                  arrival order), resumes jobs a crash interrupted, and answers GET /healthz and
                  GET /readyz. Defaults: 127.0.0.1:8080, --db <project>/.recipes/engine.sqlite,
                  --connections <project>/connections.json. --sandbox starts the sandbox APIs and
                  mail sink here, points connections.example.json at them and sends the sandbox's
                  HiBob webhooks to this server. Logs one line per event on standard error.
                  GET /metrics serves Prometheus figures; /admin/v1/ the operator commands as JSON,
                  behind Authorization: Bearer $RECIPES_ADMIN_TOKEN (without a token, only when
                  listening on loopback). See docs/serve.md and docs/operator-commands.md.
                """
        case "schema":
            return """
                recipes schema
                  Prints the JSON Schema (draft 2020-12) of recipe files, for editors that complete
                  and check JSON against a schema. The same document is docs/recipe.schema.json.
                  Test case files have their own: recipes test --schema (docs/recipe-test.schema.json).
                """
        case "clone":
            return cloneText
        case "version":
            return """
                recipes version
                  Prints the tool's version and the recipe format version it reads.
                """
        // Operator commands (issue 8)
        case let name? where Command.operatorNames.contains(name):
            return operatorText(for: name) + "\n" + operatorCommon
        default:
            return usage
        }
    }
}
