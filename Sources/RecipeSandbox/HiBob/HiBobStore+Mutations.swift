// Changes to HiBob data, each returning the webhook v2 events Bob would send for it.
// Follows https://apidocs.hibob.com/docs/employee-data-webhooks (employee.created / updated / deleted / joined /
// left / inactivated; lifecycle events fire on the effective date, so a future termination
// only sends employee.updated), https://apidocs.hibob.com/reference/employee-events-v2 (deleted carries the
// e-mail) and https://apidocs.hibob.com/reference/workforce-planning-events (WFP events; opening
// events carry no position id; position updates carry `fieldUpdatesIds`).
import Foundation
import RecipeData

/// What a new employee starts with; the sandbox assigns the 19-digit id.
public struct EmployeeDraft: Sendable {
    public var firstName: String
    public var surname: String
    /// Defaults to `first.last@acme.example` (made unique).
    public var email: String?
    public var department: String
    public var site: String
    public var country: String
    public var title: String
    /// Defaults to today.
    public var startDate: String?
    public var managerID: String?

    public init(
        firstName: String, surname: String, email: String? = nil, department: String = "Engineering",
        site: String = "London", country: String = "GB", title: String = "Engineer", startDate: String? = nil,
        managerID: String? = nil
    ) {
        self.firstName = firstName
        self.surname = surname
        self.email = email
        self.department = department
        self.site = site
        self.country = country
        self.title = title
        self.startDate = startDate
        self.managerID = managerID
    }
}

extension HiBobStore {
    private func stamp() -> String { SandboxDate.hibobTimestamp(clock()) }

    private func event(_ type: String, _ data: [(String, JSONValue?)]) -> HiBobEvent {
        HiBobEvent(companyID: settings.companyID, type: type, triggeredAt: stamp(), data: .object(data))
    }

    func createEmployee(_ draft: EmployeeDraft) throws(SandboxError) -> (HiBobEmployee, [HiBobEvent]) {
        let today = self.today
        let employee: HiBobEmployee = try state.withLock { state throws(SandboxError) in
            var email = draft.email ?? "\(draft.firstName.lowercased()).\(draft.surname.lowercased())@acme.example"
            if draft.email == nil {
                var n = 1
                let (stem, domain) = (email.split(separator: "@")[0], "@acme.example")
                while state.idByEmail[email.lowercased()] != nil {
                    n += 1
                    email = "\(stem)\(n)\(domain)"
                }
            } else if state.idByEmail[email.lowercased()] != nil {
                throw .duplicateEmail(email)
            }
            let number = state.nextEmployeeNumber
            state.nextEmployeeNumber += 1
            var employee = HiBobEmployee(
                id: CompanyGenerator.employeeID(number, jitter: state.random.below(1_000)), firstName: draft.firstName,
                surname: draft.surname, email: email, department: draft.department, site: draft.site,
                country: draft.country, title: draft.title, startDate: draft.startDate ?? SandboxDate.string(day: today),
                managerID: draft.managerID)
            employee.status = employee.impliedStatus(today: today)
            state.insert(employee)
            return employee
        }
        var events = [event("employee.created", [("employeeId", .string(employee.id))])]
        if employee.status == .active { events.append(event("employee.joined", [("employeeId", .string(employee.id))])) }
        return (employee, events)
    }

    /// Applies `change`; sends `employee.updated` with the changed field ids, plus
    /// `employee.activated` / `employee.inactivated` when the status flips.
    func updateEmployee(_ id: String, _ change: (inout HiBobEmployee) -> Void) throws(SandboxError) -> [HiBobEvent] {
        let today = self.today
        let (before, after) = try state.withLock { state throws(SandboxError) in
            guard let before = state.employee(id) else { throw .unknownEmployee(id) }
            var after = before
            change(&after)
            after.id = before.id
            if after.email.lowercased() != before.email.lowercased() {
                if state.idByEmail[after.email.lowercased()] != nil { throw .duplicateEmail(after.email) }
                state.idByEmail[before.email.lowercased()] = nil
            }
            state.insert(after)
            return (before, after)
        }
        let changed = HiBobEmployee.knownFields.filter { field in
            before.value(of: field, today: today, lookup: { _ in nil })
                != after.value(of: field, today: today, lookup: { _ in nil })
        }
        var events: [HiBobEvent] = []
        if !changed.isEmpty {
            events.append(
                event(
                    "employee.updated",
                    [
                        ("employeeId", .string(after.id)),
                        ("fieldUpdates", .array(changed.map { .object([("fieldId", .string($0))]) })),
                    ]))
        }
        if before.status != after.status {
            let type = after.status == .active ? "employee.activated" : "employee.inactivated"
            events.append(event(type, [("employeeId", .string(after.id))]))
        }
        return events
    }

    /// Sets the termination date; effective today or earlier → Inactive, `employee.left` and
    /// `employee.inactivated`; in the future → only `employee.updated`.
    func terminateEmployee(_ id: String, on date: String?) throws(SandboxError) -> [HiBobEvent] {
        let today = self.today
        let day = date.flatMap(SandboxDate.day(of:)) ?? today
        var events = try updateEmployee(id) { employee in
            employee.terminationDate = SandboxDate.string(day: day)
            if day <= today { employee.status = .inactive }
        }
        if day <= today, let resolved = employee(id) {
            events.insert(event("employee.left", [("employeeId", .string(resolved.id))]), at: min(1, events.count))
        }
        return events
    }

    /// Removes the employee; `employee.deleted` carries the e-mail.
    func deleteEmployee(_ id: String) throws(SandboxError) -> [HiBobEvent] {
        let removed: HiBobEmployee = try state.withLock { state throws(SandboxError) in
            guard let employee = state.employee(id) else { throw .unknownEmployee(id) }
            state.byID[employee.id] = nil
            state.idByEmail[employee.email.lowercased()] = nil
            state.order.removeAll { $0 == employee.id }
            return employee
        }
        return [event("employee.deleted", [("employeeId", .string(removed.id)), ("email", .string(removed.email))])]
    }
}
