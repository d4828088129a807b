// Harvest v1 JSON shapes for candidates, applications, jobs, stages, notes and webhook payloads.
// Follows https://developers.greenhouse.io/harvest.html and https://developers.greenhouse.io/webhooks.html
// (candidate `email_addresses[{value,type}]`,
// application `status`, `jobs[]`, `current_stage{id,name}`, webhook `payload.application`
// embedding `candidate` and `jobs`).
import RecipeData

/// Renders Greenhouse records against one consistent state.
struct GreenhouseRendering {
    let state: GreenhouseStore.State

    func user(_ user: GreenhouseUser) -> JSONValue {
        let names = user.name.split(separator: " ").map(String.init)
        return .object([
            ("id", .int(user.id)), ("name", .string(user.name)), ("first_name", .string(names.first ?? "")),
            ("last_name", .string(names.last ?? "")), ("primary_email_address", .string(user.email)),
            ("employee_id", .null),
        ])
    }

    func stage(_ stage: GreenhouseStage, jobID: Int) -> JSONValue {
        .object([
            ("id", .int(stage.id)), ("name", .string(stage.name)), ("job_id", .int(jobID)),
            ("priority", .int(stage.priority)), ("interviews", []),
        ])
    }

    func job(_ job: GreenhouseJob) -> JSONValue {
        .object([
            ("id", .int(job.id)), ("name", .string(job.name)), ("requisition_id", .null), ("notes", .null),
            ("confidential", false), ("status", .string(job.status)),
            ("departments", [.object([("id", .int(10_000 + job.id)), ("name", .string(job.department))])]),
            ("offices", []), ("custom_fields", .object(JSONObject())),
        ])
    }

    func application(_ application: GreenhouseApplication) -> JSONValue {
        let job = state.jobs[application.jobID]
        let stage = job?.stages.first { $0.id == application.stageID }
        return .object([
            ("id", .int(application.id)), ("candidate_id", .int(application.candidateID)), ("prospect", false),
            ("applied_at", .string(application.appliedAt)),
            ("rejected_at", application.status == "rejected" ? .string(application.lastActivityAt) : .null),
            ("last_activity_at", .string(application.lastActivityAt)), ("status", .string(application.status)),
            ("source", .null), ("credited_to", .null),
            ("jobs", .array(job.map { [.object([("id", .int($0.id)), ("name", .string($0.name))])] } ?? [])),
            ("current_stage", stage.map { .object([("id", .int($0.id)), ("name", .string($0.name))]) } ?? .null),
        ])
    }

    func candidate(_ candidate: GreenhouseCandidate) -> JSONValue {
        .object([
            ("id", .int(candidate.id)), ("first_name", .string(candidate.firstName)),
            ("last_name", .string(candidate.lastName)), ("company", .null), ("title", .null),
            ("created_at", .string(candidate.createdAt)), ("updated_at", .string(candidate.updatedAt)),
            ("last_activity", .string(candidate.updatedAt)), ("is_private", false), ("can_email", true),
            ("application_ids", .array(candidate.applicationIDs.map(JSONValue.int))),
            ("email_addresses", [.object([("value", .string(candidate.email)), ("type", .string(candidate.emailType))])]),
            ("phone_numbers", []), ("addresses", []), ("tags", .array(candidate.tags.map(JSONValue.string))),
            ("applications", .array(candidate.applicationIDs.compactMap { state.applications[$0] }.map(application))),
        ])
    }

    func note(_ note: GreenhouseNote) -> JSONValue {
        let author = state.users.first { $0.id == note.userID }
        return .object([
            ("id", .int(note.id)), ("created_at", .string(note.createdAt)), ("body", .string(note.body)),
            ("user", author.map(user) ?? .null), ("private", .bool(note.visibility == "private")),
            ("visibility", .string(note.visibility)), ("candidate_id", .int(note.candidateID)),
        ])
    }

    /// A webhook `payload`: the application with its candidate and jobs embedded.
    func webhookPayload(_ application: GreenhouseApplication) -> JSONValue {
        guard var object = self.application(application).objectValue else { return .null }
        object["url"] = .string("https://app.greenhouse.io/people/\(application.candidateID)?application_id=\(application.id)")
        if let candidate = state.candidates[application.candidateID], var embedded = self.candidate(candidate).objectValue {
            embedded["applications"] = nil
            embedded["url"] = .string("https://app.greenhouse.io/people/\(candidate.id)")
            object["candidate"] = .object(embedded)
        }
        if let job = state.jobs[application.jobID] {
            object["jobs"] = [.object([("id", .int(job.id)), ("name", .string(job.name)), ("status", .string(job.status))])]
        }
        return .object([("application", .object(object))])
    }
}
