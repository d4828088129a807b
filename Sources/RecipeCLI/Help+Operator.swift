/// The help of the operator commands (issue 8); see docs/operator-commands.md.
extension Help {
    static let operatorCommon = """
          Common options: --project DIR (default .), --db PATH (default DIR/.recipes/engine.sqlite,
          the database 'recipes serve' uses; safe while it runs), --json (a versioned JSON
          document, see docs/operator-commands.md), --help.
          Exit status: 0 done, 1 refused or not found, 64 usage.
        """

    static func operatorText(for name: String) -> String {
        switch name {
        case "start":
            return """
                recipes start RECIPE|FOLDER [--project DIR] [--db PATH] [--json]
                  Starts a recipe (folder/name, a path to its file, or a unique name) or every recipe
                  of a folder: each runs the content it has now (its content hash is pinned) until it
                  is started again, which picks up changes. A recipe with validation errors is
                  refused with the errors (FILE:LINE:COL: error: ...) and nothing is started.
                """
        case "stop":
            return """
                recipes stop RECIPE|FOLDER [--project DIR] [--db PATH] [--json]
                  Stops a recipe or every recipe of a folder: its webhooks and schedules start no
                  job (deliveries are still recorded). A recipe whose file is gone can be stopped by name.
                """
        case "status":
            return """
                recipes status [FOLDER] [--project DIR] [--db PATH] [--json]
                  For each recipe: started or stopped, whether its file changed since it was started,
                  its last job (id, status, time) and its failed jobs in the last 24 hours.
                """
        case "jobs":
            return """
                recipes jobs [--recipe R] [--status S] [--since T] [--limit N] [--project DIR] [--db PATH] [--json]
                  Lists jobs newest first, sub-recipe jobs and re-runs included (PARENT).
                  S: queued, running, succeeded, failed, cancelled. T: an age (30s, 30m, 1h, 2d, 1w;
                  at most 366d) or an ISO 8601 UTC time (2026-12-02, 2026-12-02T12:00Z,
                  2026-12-02T12:00:00Z, 2026-12-02T12:00:00.123Z). N: 1 to 10000 (default 50).
                """
        case "job":
            return """
                recipes job ID [--project DIR] [--db PATH] [--json]
                  Shows one job: recipe, status, attempts, times, delivery, parent, children, the
                  trigger body, the result or error, and its journal entries in order.
                """
        case "rerun":
            return """
                recipes rerun ID [--project DIR] [--db PATH] [--json]
                  Queues a new job of the same recipe with the same trigger and ordering key, linked
                  to job ID as its parent, and prints the new id. It runs the recipe's pinned content
                  if the recipe is started, else the content job ID ran. A queued or running job is
                  not re-run.
                """
        case "ack":
            return """
                recipes ack ID [--project DIR] [--db PATH] [--json]
                  Acknowledges failed job ID: the failure is dealt with, and retention may prune the
                  job like a succeeded one (recipes rerun acknowledges the job it re-runs). Only
                  failed jobs are acknowledged.
                """
        case "deliveries":
            return """
                recipes deliveries [--folder F] [--connection C] [--since T] [--limit N] [--project DIR] [--db PATH] [--json]
                  Lists accepted webhook deliveries newest first: id, time received, folder and
                  connection, verification, the delivery it duplicates, the jobs it started.
                  T and N as for 'recipes jobs'.
                """
        default:
            return """
                recipes webhooks [FOLDER] [--host H] [--port N] [--project DIR] [--db PATH] [--json]
                  Prints the URL of each folder and connection that webhook triggers listen on
                  (http://H:N/webhooks/<folder>/<connection>; default 127.0.0.1:8080 as 'recipes
                  serve'), with the recipes it feeds, their state and their events. Give the URL
                  to the vendor (HiBob, Greenhouse) as the webhook endpoint.
                """
        }
    }
}
