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

    /// - Parameter clock: the engine's clock; a `ManualClock` takes retry waits instantly.
    init(clock: any EngineClock = SystemClock()) throws {
        var configuration = SandboxConfiguration()
        configuration.companySize = 60
        loopback = SandboxServer(configuration)
        try loopback.start()
        // Docebo's documented 1,000 calls an hour would pace this test at one call per 3.6 s.
        let (runtime, file) = try sandboxRuntime(loopback, clock: clock, edit: { example in
            example.replacingOccurrences(
                of: #""baseURL": "http://127.0.0.1:8099/docebo","#,
                with: #""baseURL": "http://127.0.0.1:8099/docebo", "rateLimit": { "requests": 100, "per": "1s" },"#)
        })
        connectionsFile = file
        project = ProjectLoader.load(root: PackagePaths.root)
        #expect(project.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        var interpreter = Interpreter(project: project, connectors: runtime.registry, notifier: notifier, clock: clock)
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

    /// The issue's customer: existing users with legacy usernames, new hires, terminations and
    /// deletions, while HiBob and Docebo refuse 30 % of requests with 429 and fail 15 % of the
    /// rest with 500 or 503 (seeded, so every run meets the same faults). Every job succeeds
    /// and Docebo ends with exactly the right users.
    @Test func fortyPercentVendorErrorsStillEndWithExactlyTheRightDoceboUsers() async throws {
        let bundle = try BundleLoopback(clock: ManualClock())
        let active = Array(bundle.sandbox.hibobEmployees.filter { $0.status == .active }.prefix(12))
        try #require(active.count == 12)
        let legacy = Array(active[0..<4]), newcomers = Array(active[4..<8]), leavers = Array(active[8..<12])
        // Users the sandbox's Docebo starts with (its admin) stay as they are.
        var expected = Dictionary(bundle.sandbox.doceboUsers.map { ($0.email.lowercased(), $0.status) }, uniquingKeysWith: { a, _ in a })
        var legacyIDs: [String: Int] = [:]
        for employee in legacy {
            let username = "\(employee.firstName.prefix(1)).\(employee.surname).\(employee.id.suffix(3))".lowercased()
            legacyIDs[employee.id] = try #require(
                bundle.sandbox.addDoceboUser(
                    username: username, email: employee.email, firstName: employee.firstName, lastName: employee.surname)
            ).id
        }
        for employee in leavers {
            try #require(
                bundle.sandbox.addDoceboUser(
                    username: employee.email, email: employee.email, firstName: employee.firstName, lastName: employee.surname) != nil)
        }
        let faults = FaultSettings(errorRate: 0.15, throttleRate: 0.3)
        bundle.sandbox.setFaults(faults, for: .docebo)
        bundle.sandbox.setFaults(faults, for: .hibob)

        var records: [JobRecord] = []
        for employee in legacy + newcomers {
            records += try await bundle.deliver(try bundle.sandbox.updateEmployee(employee.id) { $0.department = "Research" })
        }
        for employee in [legacy[0], legacy[1], newcomers[0]] {
            records += try await bundle.deliver(try bundle.sandbox.terminateEmployee(employee.id))
        }
        for employee in leavers.prefix(2) {
            records += try await bundle.deliver(try bundle.sandbox.deleteEmployee(employee.id))
        }

        for record in records {
            #expect(record.status == .succeeded, "\(record.recipe): \(record.error?.message ?? "")")
        }
        let refused = bundle.sandbox.requestCounts(for: .docebo)[429, default: 0] + bundle.sandbox.requestCounts(for: .hibob)[429, default: 0]
        let failed = [500, 503].map { bundle.sandbox.requestCounts(for: .docebo)[$0, default: 0] + bundle.sandbox.requestCounts(for: .hibob)[$0, default: 0] }
        #expect(refused >= 10 && failed.allSatisfy { $0 >= 2 }, "the faults happened: \(refused) × 429, \(failed) × 500/503")

        for employee in legacy + newcomers { expected[employee.email.lowercased()] = 1 }
        for employee in [legacy[0], legacy[1], newcomers[0]] { expected[employee.email.lowercased()] = 0 }
        for employee in leavers.suffix(2) { expected[employee.email.lowercased()] = 1 }
        let users = bundle.sandbox.doceboUsers
        #expect(Dictionary(users.map { ($0.email.lowercased(), $0.status) }, uniquingKeysWith: { a, _ in a }) == expected)
        #expect(users.count == expected.count, "no two Docebo users share an e-mail")
        for employee in legacy {
            #expect(bundle.doceboUsers(employee.email).map(\.id) == [legacyIDs[employee.id]], "legacy users kept, not duplicated")
        }
        await bundle.stop()
    }
}
