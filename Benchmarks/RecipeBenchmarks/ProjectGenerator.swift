// Writes a generated project of valid recipes into a temporary directory: `folders` bundles of
// `groupsPerFolder` groups of 5 recipes each (a webhook capture → retrieve → upsert chain with
// typed parameters, an error notifier, and a scheduled sync with foreach/try/catch), plus
// lookup-tables/settings.csv read by lookups.
import Foundation

struct GeneratedProject {
    static let recipesPerGroup = 5
    let root: URL
    let recipeCount: Int

    /// Writes `folders × groupsPerFolder × 5` recipes.
    init(folders: Int, groupsPerFolder: Int) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("recipe-bench-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("lookup-tables"), withIntermediateDirectories: true)
        var settings = "Integration,Key,Value\n"
        var count = 0
        for f in 0..<folders {
            let folder = String(format: "bundle-%02d", f)
            settings += "HIBOB,NOTIFICATION_MAIL_ID_\(f),alerts-\(f)@example.com\n"
            settings += "DOCEBO,BRANCH_ID_\(f),\(1000 + f)\n"
            settings += "DOCEBO,\"LEVEL, DEFAULT\",\"level \"\"\(f)\"\"\"\n"
            let directory = root.appendingPathComponent("recipes/\(folder)")
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
            for g in 0..<groupsPerFolder {
                let files = [
                    "capture-\(g)": Self.capture(f, g), "retrieve-\(g)": Self.retrieve(f, g),
                    "upsert-\(g)": Self.upsert(f, g), "notify-\(g)": Self.notify(f, g), "sync-\(g)": Self.sync(f, g),
                ]
                for (name, text) in files {
                    try Data(text.utf8).write(to: directory.appendingPathComponent("\(name).json"))
                    count += 1
                }
            }
        }
        try Data(settings.utf8).write(to: root.appendingPathComponent("lookup-tables/settings.csv"))
        recipeCount = count
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    static func capture(_ f: Int, _ g: Int) -> String {
        """
        {
          "$schema": "../../docs/recipe.schema.json",
          "version": 1,
          "name": "Capture HiBob employee events (\(f)/\(g))",
          "description": "Forwards employee.created and employee.updated webhooks of bundle \(f) to retrieve-\(g).",
          "trigger": {
            "webhook": { "connection": "hibob", "events": ["employee.created", "employee.updated"],
                         "filter": "trigger.data.employeeId != null && trigger.companyId == 637323" }
          },
          "steps": [
            { "id": "start", "set": {
                "employeeId": "{{ trigger.data.employeeId! }}", "event": "{{ trigger.type }}",
                "receivedAt": "{{ trigger.triggeredAt }}", "source": "hibob-\(f)-{{ trigger.companyId }}" } },
            { "id": "known_event", "if": "startsWith(vars.event, 'employee.')",
              "then": [
                { "id": "retrieve", "call": "retrieve-\(g)",
                  "input": { "employeeId": "{{ vars.employeeId }}", "event": "{{ vars.event }}" },
                  "retry": { "retries": 1, "delay": "500ms" } }
              ],
              "else": [
                { "id": "ignored", "stop": { "status": "succeeded", "message": "event {{ trigger.type }} is not handled" } }
              ] }
          ],
          "onError": [
            { "id": "notify_admin", "call": "notify-\(g)",
              "input": { "error": "{{ error }}", "jobId": "{{ job.id }}", "recipe": "{{ job.recipe }}" } }
          ]
        }

        """
    }

    static func retrieve(_ f: Int, _ g: Int) -> String {
        """
        {
          "$schema": "../../docs/recipe.schema.json",
          "version": 1,
          "name": "Retrieve employee details (\(f)/\(g))",
          "trigger": {
            "function": {
              "parameters": {
                "employeeId": { "type": "string", "description": "HiBob employee id (19 digits, kept as text)" },
                "event": { "type": "string", "required": false, "default": "employee.updated" }
              },
              "result": {
                "userId": { "type": "integer", "required": false },
                "created": { "type": "boolean", "required": false }
              }
            }
          },
          "steps": [
            { "id": "employee", "action": "get_employee", "connection": "hibob",
              "input": { "id": "{{ input.employeeId }}",
                         "fields": ["root.id", "root.email", "root.firstName", "root.surname", "work.department", "internal.status"] },
              "retry": { "retries": 3, "delay": "2s", "backoff": "exponential", "maxDelay": "1m" } },
            { "id": "names", "set": {
                "email": "{{ lower(trim(steps.employee.output.email ?? '')) }}",
                "fullName": "{{ steps.employee.output.firstName }} {{ steps.employee.output.surname }}",
                "active": "{{ steps.employee.output.internal.status == 'Active' && input.event != 'employee.left' }}" } },
            { "id": "has_email", "if": "length(vars.email) > 0",
              "then": [
                { "id": "upsert", "call": "upsert-\(g)",
                  "input": { "employeeId": "{{ input.employeeId }}", "email": "{{ vars.email }}",
                             "firstName": "{{ steps.employee.output.firstName }}",
                             "department": "{{ steps.employee.output.work.department ?? 'none' }}",
                             "active": "{{ vars.active }}" } },
                { "id": "done", "return": { "userId": "{{ steps.upsert.output.userId }}", "created": "{{ steps.upsert.output.created }}" } }
              ],
              "else": [
                { "id": "no_email", "return": { "created": false } }
              ] }
          ]
        }

        """
    }

    static func upsert(_ f: Int, _ g: Int) -> String {
        """
        {
          "$schema": "../../docs/recipe.schema.json",
          "version": 1,
          "name": "Create or update the Docebo user (\(f)/\(g))",
          "trigger": {
            "function": {
              "parameters": {
                "employeeId": "string",
                "email": "string",
                "firstName": { "type": "string", "required": false },
                "department": { "type": "string", "required": false, "default": "none" },
                "active": { "type": "boolean", "default": true }
              },
              "result": {
                "userId": { "type": "integer", "required": false },
                "created": { "type": "boolean", "required": false }
              }
            }
          },
          "steps": [
            { "id": "existing", "action": "find_user_by_email", "connection": "docebo",
              "input": { "email": "{{ input.email }}" },
              "onError": [ { "id": "lookup_failed", "set": { "lookupError": "{{ error.message }}" } } ] },
            { "id": "branch", "set": {
                "branchId": "{{ toNumber(lookup('settings', {Integration: 'DOCEBO', Key: 'BRANCH_ID_\(f)'}).Value) }}" } },
            { "id": "found", "if": "steps.existing.output != null && steps.existing.output.user_id != null",
              "then": [
                { "id": "update", "action": "update_user", "connection": "docebo",
                  "input": { "user_id": "{{ steps.existing.output.user_id }}", "email": "{{ input.email }}",
                             "firstname": "{{ input.firstName }}", "branch_id": "{{ vars.branchId }}",
                             "valid": "{{ input.active ? 1 : 0 }}", "tags": ["hibob", "bundle-\(f)"] },
                  "retry": { "retries": 2, "delay": "1s" } },
                { "id": "updated", "return": { "userId": "{{ steps.existing.output.user_id }}", "created": false } }
              ],
              "else": [
                { "id": "create", "try": [
                    { "id": "create_user", "action": "create_user", "connection": "docebo",
                      "input": { "userid": "{{ input.email }}", "email": "{{ input.email }}",
                                 "firstname": "{{ input.firstName }}", "branch_id": "{{ vars.branchId }}",
                                 "valid": "{{ input.active ? 1 : 0 }}" } }
                  ],
                  "retry": { "retries": 2, "delay": "1s" },
                  "catch": [
                    { "id": "create_failed", "stop": { "status": "failed", "message": "cannot create {{ input.email }}: {{ error.message }}" } }
                  ] },
                { "id": "created", "return": { "userId": "{{ steps.create_user.output.user_id }}", "created": true } }
              ] }
          ]
        }

        """
    }

    static func notify(_ f: Int, _ g: Int) -> String {
        """
        {
          "$schema": "../../docs/recipe.schema.json",
          "version": 1,
          "name": "Notify integration errors (\(f)/\(g))",
          "trigger": {
            "function": { "parameters": { "error": "object", "jobId": "string", "recipe": "string" } }
          },
          "steps": [
            { "id": "mail", "notify": {
                "to": "{{ lookup('settings', {Integration: 'HIBOB', Key: 'NOTIFICATION_MAIL_ID_\(f)'}).Value! }}",
                "subject": "[RecipeEngine] {{ input.recipe }} failed",
                "body": "Job {{ input.jobId }} of {{ input.recipe }} failed at step {{ input.error.step }}: {{ input.error.message }}" },
              "retry": { "retries": 3, "delay": "5s" } }
          ]
        }

        """
    }

    static func sync(_ f: Int, _ g: Int) -> String {
        """
        {
          "$schema": "../../docs/recipe.schema.json",
          "version": 1,
          "name": "Nightly department sync (\(f)/\(g))",
          "trigger": { "schedule": { "cron": "\(g % 60) \(f % 24) * * MON-FRI", "timeZone": "Europe/Berlin", "runOnStart": false } },
          "steps": [
            { "id": "list", "action": "list_employees", "connection": "hibob",
              "input": { "showInactive": false, "fields": ["root.id", "root.email", "work.department"] } },
            { "id": "each", "foreach": "steps.list.output.employees ?? []", "as": "employee", "index": "i",
              "steps": [
                { "id": "mapped", "set": {
                    "department": "{{ upper(employee.work.department ?? 'none') }}",
                    "label": "#{{ i }} {{ employee.root.email }}" } },
                { "id": "push", "try": [
                    { "id": "push_user", "action": "update_user", "connection": "docebo",
                      "input": { "email": "{{ employee.root.email }}", "department": "{{ vars.department }}" } }
                  ],
                  "catch": [
                    { "id": "push_failed", "set": { "lastError": "{{ error.message }}" } }
                  ] }
              ] },
            { "id": "summary", "stop": { "status": "succeeded", "message": "synced {{ steps.each.output.count }} employees" } }
          ]
        }

        """
    }
}
