// Greenhouse changes and the webhook events they imply (https://developers.greenhouse.io/webhooks.html: actions
// `new_candidate_application`, `candidate_stage_change`, `hire_candidate`, `reject_candidate`).
import Foundation
import RecipeData

extension GreenhouseStore {
    private func event(_ action: String, _ application: GreenhouseApplication, _ state: inout State) -> GreenhouseEvent {
        state.eventCount += 1
        let id = "gh-\(generator.seed)-\(state.eventCount)"
        return GreenhouseEvent(
            action: action, payload: GreenhouseRendering(state: state).webhookPayload(application), eventID: id)
    }

    /// A new candidate applying to `jobID`, at the job's first stage.
    func createApplication(
        firstName: String, lastName: String, email: String, jobID: Int
    ) throws(SandboxError) -> (GreenhouseApplication, GreenhouseEvent) {
        let now = SandboxDate.timestamp(clock())
        return try state.withLock { state throws(SandboxError) in
            guard let job = state.jobs[jobID], let stage = job.stages.first else { throw .unknownStage(jobID) }
            let application = GreenhouseApplication(
                id: state.nextApplicationID, candidateID: state.nextCandidateID, jobID: jobID, status: "active",
                stageID: stage.id, appliedAt: now, lastActivityAt: now)
            state.candidates[application.candidateID] = GreenhouseCandidate(
                id: application.candidateID, firstName: firstName, lastName: lastName, email: email,
                emailType: "personal", createdAt: now, updatedAt: now, applicationIDs: [application.id])
            state.applications[application.id] = application
            state.nextApplicationID += 1
            state.nextCandidateID += 1
            return (application, event("new_candidate_application", application, &state))
        }
    }

    /// Moves an application to the stage named `stageName` (case-insensitive) or with that id.
    func moveApplication(_ id: Int, toStage stage: String) throws(SandboxError) -> GreenhouseEvent {
        try change(id, action: "candidate_stage_change") { application, job throws(SandboxError) in
            guard
                let target = job.stages.first(where: {
                    $0.name.lowercased() == stage.lowercased() || String($0.id) == stage
                })
            else { throw .unknownStage(Int(stage) ?? -1) }
            application.stageID = target.id
        }
    }

    func hireApplication(_ id: Int) throws(SandboxError) -> GreenhouseEvent {
        try change(id, action: "hire_candidate") { application, _ in application.status = "hired" }
    }

    func rejectApplication(_ id: Int) throws(SandboxError) -> GreenhouseEvent {
        try change(id, action: "reject_candidate") { application, _ in application.status = "rejected" }
    }

    private func change(
        _ id: Int, action: String, _ body: (inout GreenhouseApplication, GreenhouseJob) throws(SandboxError) -> Void
    ) throws(SandboxError) -> GreenhouseEvent {
        let now = SandboxDate.timestamp(clock())
        return try state.withLock { state throws(SandboxError) in
            guard var application = state.applications[id], let job = state.jobs[application.jobID] else {
                throw .unknownApplication(id)
            }
            try body(&application, job)
            application.lastActivityAt = now
            state.applications[id] = application
            return event(action, application, &state)
        }
    }
}
