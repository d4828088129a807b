import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeModel
import RecipeSandbox
import RecipeTestSupport
import Testing

/// The shipped hibob-docebo bundle, run as a customer runs it: HiBob changes made in the
/// sandbox, their signed webhooks fed to the recipes that listen, the recipes calling the
/// sandbox's HiBob and Docebo over HTTP on 127.0.0.1. The Docebo fake follows Docebo's user
/// schemas (docs/vendors/docebo.md), so what counts is the Docebo user set left behind.
final class BundleLoopback: Sendable {
    static let folder = "hibob-docebo"
    let loopback: SandboxServer
    let connectionsFile: URL
    let interpreter: Interpreter
    let project: Project
    let notifier = RecordingNotifier()

    init() throws {
        var configuration = SandboxConfiguration()
        configuration.companySize = 60
        loopback = SandboxServer(configuration)
        try loopback.start()
        // Docebo's documented 1,000 calls an hour would pace this test at one call per 3.6 s.
        let (runtime, file) = try sandboxRuntime(loopback, edit: { example in
            example.replacingOccurrences(
                of: #""baseURL": "http://127.0.0.1:8099/docebo","#,
                with: #""baseURL": "http://127.0.0.1:8099/docebo", "rateLimit": { "requests": 100, "per": "1s" },"#)
        })
        connectionsFile = file
        project = ProjectLoader.load(root: PackagePaths.root)
        #expect(project.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        var interpreter = Interpreter(project: project, connectors: runtime.registry, notifier: notifier)
        interpreter.redactor = runtime.redactor
        interpreter.jitter = { $0 }
        self.interpreter = interpreter
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

    /// The Docebo users whose e-mail is `email` (case-insensitive).
    func doceboUsers(_ email: String) -> [DoceboUser] {
        sandbox.doceboUsers.filter { $0.email.lowercased() == email.lowercased() }
    }

    func stop() async {
        await loopback.shutdown()
        try? FileManager.default.removeItem(at: connectionsFile)
    }
}

@Suite(.serialized)
struct DoceboBundleLoopbackTests {
    @Test func legacyUsernamesDeactivationsDeletionsAndVendorErrorsEndWithTheRightDoceboUsers() async throws {
        let bundle = try BundleLoopback()
        let active = bundle.sandbox.hibobEmployees.filter { $0.status == .active }
        let (legacy, newcomer, leaver) = (active[0], active[1], active[2])
        // Customers' Docebo users often predate the integration, with a username that is not the e-mail.
        let legacyUsername = "\(legacy.firstName.prefix(1)).\(legacy.surname)".lowercased()
        let seeded = try #require(
            bundle.sandbox.addDoceboUser(
                username: legacyUsername, email: legacy.email, firstName: legacy.firstName, lastName: legacy.surname))
        try #require(
            bundle.sandbox.addDoceboUser(
                username: leaver.email, email: leaver.email, firstName: leaver.firstName, lastName: leaver.surname) != nil)

        // Docebo refuses the next requests (503, 503, then 429): the connector and the step retry.
        bundle.sandbox.setFaults(
            FaultSettings(forced: [ForcedStatus(status: 503, count: 2, retryAfter: 0), ForcedStatus(status: 429, count: 1, retryAfter: 0)]),
            for: .docebo)
        var records = try await bundle.deliver(try bundle.sandbox.updateEmployee(legacy.id) { $0.department = "Research" })
        records += try await bundle.deliver(try bundle.sandbox.updateEmployee(newcomer.id) { $0.department = "Research" })
        records += try await bundle.deliver(try bundle.sandbox.terminateEmployee(legacy.id))
        records += try await bundle.deliver(try bundle.sandbox.deleteEmployee(leaver.id))

        for record in records {
            #expect(record.status == .succeeded, "\(record.recipe): \(record.error?.message ?? "")")
        }
        let legacyUsers = bundle.doceboUsers(legacy.email)
        #expect(legacyUsers.map(\.id) == [seeded.id], "the legacy user is updated, never duplicated")
        #expect(legacyUsers.first?.username == legacyUsername)
        #expect(legacyUsers.first?.status == 0, "terminated in HiBob: deactivated in Docebo with change_status")
        let created = bundle.doceboUsers(newcomer.email)
        #expect(created.count == 1)
        #expect(created.first?.username == newcomer.email.lowercased())
        #expect(created.first?.status == 1)
        #expect(created.first?.mustChangePassword == true)
        let password = try #require(created.first?.password)
        #expect(password.count >= 12)
        #expect(bundle.doceboUsers(leaver.email).isEmpty, "deleted in HiBob: deleted in Docebo")
        let emails = bundle.sandbox.doceboUsers.map { $0.email.lowercased() }
        #expect(Set(emails).count == emails.count, "no two Docebo users share an e-mail")
        for record in records {
            #expect(!record.jsonValue.jsonString().contains(password), "the generated password is in a job record")
        }
        #expect(bundle.sandbox.requestCounts(for: .docebo)[503] == 2)
        await bundle.stop()
    }

    @Test func severalDoceboUsersWithTheEmailFailTheJobNamingThemAndChangeNothing() async throws {
        let bundle = try BundleLoopback()
        let employee = try #require(bundle.sandbox.hibobEmployees.first { $0.status == .active })
        let first = try #require(
            bundle.sandbox.addDoceboUser(
                username: employee.email, email: employee.email, firstName: employee.firstName, lastName: employee.surname))
        let second = try #require(
            bundle.sandbox.addDoceboUser(
                username: "legacy.\(employee.surname)".lowercased(), email: employee.email.uppercased(),
                firstName: employee.firstName, lastName: employee.surname))
        let before = bundle.sandbox.doceboUsers

        let records = try await bundle.deliver(try bundle.sandbox.terminateEmployee(employee.id))

        #expect(!records.isEmpty)
        for record in records {
            #expect(record.status == .failed)
            let message = try #require(record.error?.message)
            #expect(message.contains(employee.email.lowercased()))
            #expect(message.contains("\(first.id)") && message.contains("\(second.id)"))
        }
        #expect(bundle.sandbox.doceboUsers == before, "nothing is guessed: no update, no status change, no new user")
        #expect(bundle.notifier.notifications.count == records.count, "each failure is e-mailed")
        await bundle.stop()
    }
}
