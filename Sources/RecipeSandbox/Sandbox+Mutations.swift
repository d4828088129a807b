// Code-level helpers for tests and the CLI: read each fake's data and change HiBob,
// Greenhouse and HiPeople the way their users would, getting back the webhook events the
// vendor would send. Deliver them with `WebhookSender` (signed with the configured secrets).
import Foundation
import RecipeData

extension Sandbox {
    // MARK: HiBob

    /// Every HiBob employee, in company order.
    public var hibobEmployees: [HiBobEmployee] { hibob.employees }

    /// An employee by backend id or e-mail.
    public func hibobEmployee(_ identifier: String) -> HiBobEmployee? { hibob.employee(identifier) }

    public var positions: [Position] { hibob.positions }
    public var positionOpenings: [PositionOpening] { hibob.openings }

    /// Hires someone: `employee.created`, plus `employee.joined` when they start today or earlier.
    public func createEmployee(_ draft: EmployeeDraft) throws(SandboxError) -> (HiBobEmployee, [HiBobEvent]) {
        try hibob.createEmployee(draft)
    }

    /// Edits an employee: `employee.updated` (changed field ids) and, when the status flips,
    /// `employee.activated` / `employee.inactivated`.
    public func updateEmployee(
        _ identifier: String, _ change: (inout HiBobEmployee) -> Void
    ) throws(SandboxError) -> [HiBobEvent] {
        try hibob.updateEmployee(identifier, change)
    }

    /// Sets a termination date (`yyyy-MM-dd`, default today).
    public func terminateEmployee(_ identifier: String, on date: String? = nil) throws(SandboxError) -> [HiBobEvent] {
        try hibob.terminateEmployee(identifier, on: date)
    }

    /// Deletes an employee: `employee.deleted` with `employeeId` and `email`.
    public func deleteEmployee(_ identifier: String) throws(SandboxError) -> [HiBobEvent] {
        try hibob.deleteEmployee(identifier)
    }

    public func createPosition(
        name: String, department: String = "Engineering", site: String = "London", approved: Bool = false,
        openings: Int = 1
    ) -> (Position, [PositionOpening], [HiBobEvent]) {
        hibob.createPosition(name: name, department: department, site: site, approved: approved, openings: openings)
    }

    public func approvePosition(_ id: String) throws(SandboxError) -> [HiBobEvent] { try hibob.approvePosition(id) }

    /// Edits a position (name, department, status, ...): `workforcePlanning.position.updated`
    /// with the changed field ids.
    public func updatePosition(_ id: String, _ change: (inout Position) -> Void) throws(SandboxError) -> [HiBobEvent] {
        try hibob.updatePosition(id, change)
    }

    public func createOpening(
        positionID: String, name: String, expectedStartDate: String? = nil, approved: Bool = true
    ) throws(SandboxError) -> (PositionOpening, [HiBobEvent]) {
        try hibob.createOpening(
            positionID: positionID, name: name, expectedStartDate: expectedStartDate, approved: approved)
    }

    public func updateOpening(
        _ id: String, _ change: (inout PositionOpening) -> Void
    ) throws(SandboxError) -> [HiBobEvent] {
        try hibob.updateOpening(id, change)
    }

    public func deleteOpening(_ id: String) throws(SandboxError) -> [HiBobEvent] { try hibob.deleteOpening(id) }

    /// A HiBob event signed with the configured webhook secret.
    public func delivery(for event: HiBobEvent) -> WebhookDelivery {
        event.delivery(secret: configuration.hibob.webhookSecret)
    }

    // MARK: Greenhouse

    public var greenhouseJobs: [GreenhouseJob] { greenhouse.jobs }
    public var greenhouseCandidates: [GreenhouseCandidate] { greenhouse.candidates }
    public var greenhouseApplications: [GreenhouseApplication] { greenhouse.applications }
    public var greenhouseUsers: [GreenhouseUser] { greenhouse.users }
    public var greenhouseNotes: [GreenhouseNote] { greenhouse.notes }

    public func createApplication(
        firstName: String, lastName: String, email: String, jobID: Int
    ) throws(SandboxError) -> (GreenhouseApplication, GreenhouseEvent) {
        try greenhouse.createApplication(firstName: firstName, lastName: lastName, email: email, jobID: jobID)
    }

    /// Moves an application to a stage (by name, e.g. "Reference Check", or id).
    public func moveApplication(_ id: Int, toStage stage: String) throws(SandboxError) -> GreenhouseEvent {
        try greenhouse.moveApplication(id, toStage: stage)
    }

    public func hireApplication(_ id: Int) throws(SandboxError) -> GreenhouseEvent { try greenhouse.hireApplication(id) }

    public func rejectApplication(_ id: Int) throws(SandboxError) -> GreenhouseEvent {
        try greenhouse.rejectApplication(id)
    }

    /// A Greenhouse event signed with the configured webhook secret.
    public func delivery(for event: GreenhouseEvent) -> WebhookDelivery {
        event.delivery(secret: configuration.greenhouse.webhookSecret)
    }

    // MARK: Targets

    public var doceboUsers: [DoceboUser] { docebo.users }

    /// Adds a Docebo user that existed before any integration, e.g. a legacy username that is
    /// not the e-mail; nil when the username is taken.
    @discardableResult
    public func addDoceboUser(
        username: String, email: String, firstName: String, lastName: String, status: Int = 1
    ) -> DoceboUser? {
        docebo.addUser(username: username, email: email, firstName: firstName, lastName: lastName, status: status)
    }
    public var learning360Users: [Learning360User] { learning360.users }
    public var recruitPositions: [JSONObject] { recruit.positions }
    public var recruitOpenings: [JSONObject] { recruit.openings }
    public var reachdeskRecipients: [JSONObject] { reachdesk.recipients }

    /// HiPeople candidates, in creation order.
    public var hipeopleCandidates: [JSONObject] { hipeople.candidates }
    /// HiPeople assessments and reference checks (`kind`: `assessment` / `reference_check`), in creation order.
    public var hipeopleRequests: [JSONObject] { hipeople.requests }

    /// Completes a HiPeople reference check: `reference_check.completed`.
    public func completeReferenceCheck(_ id: String) throws(SandboxError) -> HiPeopleEvent {
        try hipeople.completeReferenceCheck(id)
    }

    public func delivery(for event: HiPeopleEvent) -> WebhookDelivery {
        event.delivery(secret: configuration.hipeople.webhookSecret)
    }
}
