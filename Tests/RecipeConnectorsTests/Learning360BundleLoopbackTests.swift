import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeModel
import RecipeSandbox
import RecipeTestSupport
import Testing

/// The shipped hibob-360learning bundle, run as a customer runs it: HiBob changes made in the
/// sandbox, their signed webhooks fed to the recipes that listen, the recipes calling the
/// sandbox's HiBob and 360Learning over HTTP on 127.0.0.1. What counts is the 360Learning user
/// left behind and the job's status and message.
final class Learning360Loopback: Sendable {
    static let folder = "hibob-360learning"
    static let table = "hibob-360learning"
    let loopback: SandboxServer
    let connectionsFile: URL
    let interpreter: Interpreter
    let project: Project
    let notifier = RecordingNotifier()

    /// - Parameter population: from the sandbox's employees, the POPULATION_DEPARTMENT and
    ///   POPULATION_SITE rows of the lookup table; nil keeps the shipped table (everyone).
    init(population: (([HiBobEmployee]) throws -> (departments: [String], sites: [String]))? = nil) throws {
        var configuration = SandboxConfiguration()
        configuration.companySize = 40
        loopback = SandboxServer(configuration)
        try loopback.start()
        let (runtime, file) = try sandboxRuntime(loopback)
        connectionsFile = file
        var project = ProjectLoader.load(root: PackagePaths.root)
        #expect(project.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        if let population {
            let (departments, sites) = try population(loopback.sandbox.hibobEmployees)
            project.tables = Self.replacing(project.tables, departments: departments, sites: sites)
        }
        self.project = project
        var interpreter = Interpreter(project: project, connectors: runtime.registry, notifier: notifier)
        interpreter.redactor = runtime.redactor
        interpreter.jitter = { $0 }
        self.interpreter = interpreter
    }

    /// The shipped tables with the bundle's table rewritten: the shipped mail, the given population.
    static func replacing(_ tables: LookupTableSet, departments: [String], sites: [String]) -> LookupTableSet {
        let shipped = tables[table]
        let mail = shipped?.firstRow(matching: [("Setting", "NOTIFICATION_MAIL_ID")])?["Value"] ?? .null
        var rows: [JSONObject] = [["Setting": "NOTIFICATION_MAIL_ID", "Value": mail]]
        rows += departments.map { ["Setting": "POPULATION_DEPARTMENT", "Value": .string($0)] }
        rows += sites.map { ["Setting": "POPULATION_SITE", "Value": .string($0)] }
        let rewritten = LookupTable(
            name: table, columns: ["Setting", "Value"], rows: rows, location: RecipeData.SourceLocation(file: "test", line: 1, column: 1))
        return LookupTableSet(tables.tables.values.filter { $0.name != table } + [rewritten])
    }

    var sandbox: Sandbox { loopback.sandbox }

    /// Runs every recipe of the bundle that listens for each event; returns their records.
    func deliver(_ events: [HiBobEvent]) async throws -> [JobRecord] {
        var records: [JobRecord] = []
        for event in events {
            let body = try JSONParser.parseValue(sandbox.delivery(for: event).body)
            for recipe in project.recipes(receiving: event.type, from: "hibob", in: Self.folder) {
                records.append(await interpreter.run(recipe.id, trigger: body))
            }
        }
        return records
    }

    /// The 360Learning users whose mail is `email` (case-insensitive).
    func users(_ email: String) -> [Learning360User] {
        sandbox.learning360Users.filter { $0.mail.lowercased() == email.lowercased() }
    }

    /// Requests the 360Learning fake answered, token requests included.
    var learning360Requests: Int { sandbox.requestCounts(for: .learning360).values.reduce(0, +) }

    func stop() async {
        await loopback.shutdown()
        try? FileManager.default.removeItem(at: connectionsFile)
    }
}

@Suite(.serialized)
struct Learning360BundleLoopbackTests {
    /// One record per event, succeeded (or skipped: outside the population), and its message
    /// (the job's report), prefixed `skipped: ` for a skipped job.
    func messages(_ records: [JobRecord], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String] {
        for record in records {
            #expect(
                record.status == .succeeded || record.status == .skipped, "\(record.recipe): \(record.error?.message ?? "")",
                sourceLocation: sourceLocation)
        }
        return records.map { ($0.status == .skipped ? "skipped: " : "") + ($0.message ?? "") }
    }

    @Test func everyHandledEventLeavesTheRight360LearningUser() async throws {
        let bundle = try Learning360Loopback()
        // A hire starting today: HiBob sends employee.created, then employee.joined.
        let (hire, hired) = try bundle.sandbox.createEmployee(
            EmployeeDraft(firstName: "Grace", surname: "Hopper", department: "Engineering", title: "Engineer"))
        #expect(hired.map(\.type) == ["employee.created", "employee.joined"])
        var records = try await bundle.deliver(hired)
        #expect(messages(records).map { $0.prefix(while: { $0 != "(" }) } == ["created: created ", "joined: updated "])
        var users = bundle.users(hire.email)
        #expect(users.count == 1)
        let id = try #require(users.first?.id)
        #expect(users.first?.firstName == "Grace" && users.first?.lastName == "Hopper" && users.first?.job == "Engineer")
        #expect(users.first?.deleted == false)

        // employee.updated: the user is edited, not created again.
        records = try await bundle.deliver(try bundle.sandbox.updateEmployee(hire.id) { $0.title = "Staff Engineer"; $0.surname = "Murray" })
        #expect(messages(records) == ["updated: updated (360Learning user \(id), \(hire.email))"])
        users = bundle.users(hire.email)
        #expect(users.map(\.id) == [id] && users.first?.job == "Staff Engineer" && users.first?.lastName == "Murray")

        // A termination effective today: employee.updated, employee.left, employee.inactivated.
        let terminated = try bundle.sandbox.terminateEmployee(hire.id)
        #expect(terminated.map(\.type).contains("employee.left") && terminated.map(\.type).contains("employee.inactivated"))
        records = try await bundle.deliver(terminated)
        #expect(records.map(\.recipe).filter { $0.hasSuffix("inactivated") } == ["hibob-360learning/capture-employee-inactivated"])
        #expect(messages(records).contains("inactivated: deactivated (360Learning user \(id), \(hire.email))"))
        users = bundle.users(hire.email)
        #expect(users.map(\.id) == [id] && users.first?.deleted == true && users.first?.deletedAt.count == 1)

        // Rehired: employee.activated restores the same user (re-creating its mail).
        let activated = try bundle.sandbox.updateEmployee(hire.id) { $0.status = .active; $0.terminationDate = nil }
        #expect(activated.map(\.type).contains("employee.activated"))
        records = try await bundle.deliver(activated.filter { $0.type == "employee.activated" })
        #expect(messages(records).contains("activated: reactivated (360Learning user \(id), \(hire.email))"))
        users = bundle.users(hire.email)
        #expect(users.map(\.id) == [id] && users.first?.deleted == false && users.first?.reactivatedAt.count == 1)

        // employee.deleted carries the e-mail: the user is deactivated, its data kept.
        records = try await bundle.deliver(try bundle.sandbox.deleteEmployee(hire.id))
        #expect(messages(records) == ["deleted: deactivated (360Learning user \(id), \(hire.email.lowercased()))"])
        users = bundle.users(hire.email)
        #expect(users.map(\.id) == [id] && users.first?.deleted == true && users.first?.deletedAt.count == 2)
        #expect(bundle.sandbox.learning360Users.count == 1, "one hire, one 360Learning user")
        #expect(bundle.notifier.notifications.isEmpty)
        await bundle.stop()
    }

    @Test func aFutureHireIsInvitedOnCreationAndAnInactiveEmployeeIsNeverCreated() async throws {
        let bundle = try Learning360Loopback()
        let (future, created) = try bundle.sandbox.createEmployee(
            EmployeeDraft(firstName: "Ada", surname: "Byron", startDate: "2999-01-04"))
        #expect(created.map(\.type) == ["employee.created"])
        #expect(messages(try await bundle.deliver(created)).first?.hasPrefix("created: created ") == true)
        #expect(bundle.users(future.email).count == 1, "Employee Created creates the user, as the seed's upsert webhook says")

        // An Inactive employee's update creates nobody.
        let leaver = try #require(bundle.sandbox.hibobEmployees.first { $0.status == .active && $0.id != future.id })
        _ = try bundle.sandbox.updateEmployee(leaver.id) { $0.status = .inactive }
        let records = try await bundle.deliver(try bundle.sandbox.updateEmployee(leaver.id) { $0.title = "Consultant" })
        #expect(messages(records) == ["updated: not created: the employee is Inactive in HiBob (360Learning user none, \(leaver.email.lowercased()))"])
        #expect(bundle.users(leaver.email).isEmpty)
        await bundle.stop()
    }

    @Test func employeeLeftIsIgnored() async throws {
        let bundle = try Learning360Loopback()
        #expect(bundle.project.recipes(receiving: "employee.left", from: "hibob", in: Learning360Loopback.folder).isEmpty)
        let employee = try #require(bundle.sandbox.hibobEmployees.first { $0.status == .active })
        _ = try await bundle.deliver(try bundle.sandbox.updateEmployee(employee.id) { $0.title = "Analyst" })
        let before = bundle.sandbox.learning360Users
        let requests = bundle.learning360Requests
        #expect(before.count == 1)
        let left = try bundle.sandbox.terminateEmployee(employee.id).filter { $0.type == "employee.left" }
        #expect(left.count == 1)
        #expect(try await bundle.deliver(left).isEmpty, "no recipe of the bundle listens for employee.left")
        #expect(bundle.sandbox.learning360Users == before)
        #expect(bundle.learning360Requests == requests)
        await bundle.stop()
    }

    @Test func employeesOutsideThePopulationAreSkippedAndNothingIsWritten() async throws {
        var inside: HiBobEmployee?
        var outside: HiBobEmployee?
        let bundle = try Learning360Loopback { employees in
            let active = employees.filter { $0.status == .active }
            inside = try #require(active.first)
            outside = try #require(active.first { $0.department != active[0].department })
            return ([active[0].department], [active[0].site, outside!.site])
        }
        let (member, stranger) = (try #require(inside), try #require(outside))

        var records = try await bundle.deliver(try bundle.sandbox.updateEmployee(stranger.id) { $0.title = "Analyst" })
        var reports = messages(records)
        #expect(reports.count == 1)
        #expect(reports.first?.hasPrefix("skipped: employee.updated for \(stranger.email.lowercased()), outside the population (department \(stranger.department) is not a POPULATION_DEPARTMENT)") == true)
        #expect(bundle.learning360Requests == 0, "not even a token was asked for")
        #expect(bundle.sandbox.learning360Users.isEmpty)

        records = try await bundle.deliver(try bundle.sandbox.updateEmployee(member.id) { $0.title = "Analyst" })
        reports = messages(records)
        #expect(reports.first?.hasPrefix("updated: created ") == true)
        #expect(bundle.users(member.email).count == 1)

        // The deactivation webhook is filtered too ("add a condition on both webhooks").
        let requests = bundle.learning360Requests
        records = try await bundle.deliver(try bundle.sandbox.updateEmployee(stranger.id) { $0.status = .inactive })
        reports = messages(records)
        #expect(records.map(\.recipe).contains("hibob-360learning/capture-employee-inactivated"))
        #expect(!reports.isEmpty && reports.allSatisfy { $0.hasPrefix("skipped: ") })
        #expect(bundle.learning360Requests == requests)
        #expect(bundle.sandbox.learning360Users.count == 1)
        await bundle.stop()
    }

    @Test func aSiteOutsideThePopulationIsSkipped() async throws {
        var chosen: HiBobEmployee?
        let bundle = try Learning360Loopback { employees in
            let active = employees.filter { $0.status == .active }
            chosen = try #require(active.first)
            return (["*"], [try #require(active.first { $0.site != active[0].site }?.site)])
        }
        let employee = try #require(chosen)
        let records = try await bundle.deliver(try bundle.sandbox.updateEmployee(employee.id) { $0.title = "Analyst" })
        #expect(messages(records).first?.contains("(site \(employee.site) is not a POPULATION_SITE)") == true)
        #expect(bundle.sandbox.learning360Users.isEmpty)
        await bundle.stop()
    }

    @Test func aRefused360LearningRequestFailsTheJobAndMailsTheConfiguredAddress() async throws {
        let bundle = try Learning360Loopback()
        let employee = try #require(bundle.sandbox.hibobEmployees.first { $0.status == .active })
        bundle.sandbox.setFaults(FaultSettings(forced: [ForcedStatus(status: 403, count: 20)]), for: .learning360)

        let records = try await bundle.deliver(try bundle.sandbox.updateEmployee(employee.id) { $0.title = "Analyst" })

        #expect(records.count == 1)
        #expect(records.first?.status == .failed)
        #expect(bundle.sandbox.learning360Users.isEmpty)
        let mails = bundle.notifier.notifications
        #expect(mails.count == 1)
        #expect(mails.first?.to == "integrations-alerts@example.com", "the address in lookup table hibob-360learning")
        #expect(mails.first?.subject == "[RecipeEngine] hibob-360learning/capture-employee-upsert failed")
        #expect(mails.first?.body.contains("403") == true)
        await bundle.stop()
    }
}
