// f. The HiBob → Docebo main job end to end, in process, for throughput: like `recipes demo`,
// each of 500 sandbox employees gets a signed `employee.updated` delivery, which is verified
// with the hibob connection's WebhookVerifier, parsed, and run as
// `hibob-docebo/capture-user-update` by the Interpreter (the project in recipes/, the shipped
// connectors over loopback HTTP to the sandbox: HiBob get_employee, Docebo find_users_by_email
// (searches for the e-mail, the last and the first name), then update_user or create_user, and
// change_status when the status differs). 8 jobs in flight. The warm-up pass creates the Docebo
// users; the timed rounds update them (5 HTTP calls a job).
//
// The floor is a hand-written loop doing the same work with the same concurrency: verify,
// parse, and the same HTTP calls through the same URLSessionClient, with JSONParser for the
// answers. Engine and floor rounds alternate, so a busy machine affects both alike.
import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeHTTPCore
import RecipeModel
import RecipeSandbox
import RecipeTestSupport
import Synchronization

enum E2EBenchmark {
    static let companySize = 1_000
    static let jobsPerRound = 500
    static let inFlight = 8
    static let recipe = RecipeID(folder: "hibob-docebo", name: "capture-user-update")

    struct Pass {
        var perSecond: Double
        var p50: Double
        var p99: Double
    }

    static func run() async throws {
        let fixture = try SandboxFixture(employees: companySize)
        let sandbox = fixture.sandbox
        let project = ProjectLoader.load(root: fixture.root)
        let errors = project.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw SandboxFixture.SetupError(description: errors.map(\.description).joined(separator: "\n"))
        }
        guard let verifier = fixture.runtime.webhookVerifiers["hibob"] else {
            throw SandboxFixture.SetupError(description: "the hibob connection has no webhook verifier")
        }
        let notifier = RecordingNotifier()
        let interpreter = Interpreter(project: project, connectors: fixture.runtime.registry, notifier: notifier)
        let employees = Array(sandbox.hibobEmployees.prefix(jobsPerRound))
        check(employees.count == jobsPerRound, "the sandbox has \(employees.count) employees")
        let deliveries = employees.map { employee in
            sandbox.delivery(
                for: HiBobEvent(
                    companyID: sandbox.configuration.hibob.companyID, type: "employee.updated",
                    triggeredAt: SandboxDate.hibobTimestamp(Date()),
                    data: ["employeeId": .string(employee.id), "fieldUpdates": [["fieldId": "work.department"]]]))
        }
        let floor = try await Floor(fixture: fixture, verifier: verifier)

        // Warm-up pass: the engine creates every Docebo user, then the floor updates them.
        let seeded = sandbox.doceboUsers.count  // the sandbox's own admin user
        let creates = Mutex(0)
        let created = try await pass(deliveries) {
            if try await engineJob($0, verifier: verifier, interpreter: interpreter) { creates.withLock { $0 += 1 } }
        }
        _ = try await pass(deliveries) { try await floor.job($0) }
        let users = Dictionary(sandbox.doceboUsers.map { ($0.email.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        let missing = employees.filter { users[$0.email.lowercased()] == nil }
        check(missing.isEmpty, "no Docebo user for \(missing.count) employees, e.g. \(missing.first?.email ?? "")")
        check(sandbox.doceboUsers.count == seeded + jobsPerRound, "Docebo has \(sandbox.doceboUsers.count) users after the warm-up, not \(seeded) + \(jobsPerRound)")
        check(creates.withLock { $0 } == jobsPerRound, "the warm-up created \(creates.withLock { $0 }) users, not \(jobsPerRound)")
        let doceboBefore = sandbox.requestCounts(for: .docebo)

        var engine: [Pass] = []
        var hand: [Pass] = []
        for _ in 0..<benchmarkRounds {
            engine.append(try await pass(deliveries) { try await engineJob($0, verifier: verifier, interpreter: interpreter) })
            hand.append(try await pass(deliveries) { try await floor.job($0) })
        }

        check(notifier.notifications.isEmpty, "error notifications were sent: \(notifier.notifications.count)")
        check(sandbox.doceboUsers.count == seeded + jobsPerRound, "Docebo has \(sandbox.doceboUsers.count) users, not \(seeded) + \(jobsPerRound)")
        let doceboAfter = sandbox.requestCounts(for: .docebo)
        let doceboCalls = doceboAfter.values.reduce(0, +) - doceboBefore.values.reduce(0, +)
        check(doceboAfter.keys.allSatisfy { $0 == 200 }, "Docebo answered \(doceboAfter)")
        check(sandbox.requestCounts(for: .hibob).keys.allSatisfy { $0 == 200 }, "HiBob answered errors")

        let label = "e2e hibob-docebo/capture-user-update, \(inFlight) in flight (\(jobsPerRound) jobs/round, update path)"
        report("\(label) engine", Summary(engine.map(\.perSecond)), unit: "jobs/s", target: nil)
        report("\(label) engine p50", Summary(engine.map(\.p50)), unit: "ms", target: nil)
        report("\(label) engine p99", Summary(engine.map(\.p99)), unit: "ms", target: nil)
        report("\(label) floor", Summary(hand.map(\.perSecond)), unit: "jobs/s", target: nil)
        report("\(label) floor p50", Summary(hand.map(\.p50)), unit: "ms", target: nil)
        report("\(label) floor p99", Summary(hand.map(\.p99)), unit: "ms", target: nil)
        report("\(label) engine/floor", Summary(zip(engine, hand).map { $0.perSecond / $1.perSecond }), unit: "x", target: nil)
        reportValue("e2e warm-up pass (creates \(jobsPerRound) Docebo users) engine", created.perSecond, unit: "jobs/s")
        print(
            "e2e setting: \(companySize) employees, \(SandboxFixture.limitsNote); all \(jobsPerRound * (benchmarkRounds + 1)) engine jobs "
                + "succeeded; Docebo ends with a user per employee (\(jobsPerRound) created in the warm-up, + \(seeded) seeded admin); "
                + "\(format(Double(doceboCalls) / Double(jobsPerRound * benchmarkRounds * 2))) Docebo calls/job (+1 HiBob); "
                + "roadmap target >= 1,000 completed jobs/s: informational preview, not checked")
        fflush(nil)
        await fixture.stop()
    }

    /// Runs one job per delivery, `inFlight` at a time; jobs/s and p50/p99 latency in ms.
    static func pass(_ deliveries: [WebhookDelivery], _ job: @escaping @Sendable (WebhookDelivery) async throws -> Void) async throws -> Pass {
        let start = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: Double.self) { group in
            var next = 0
            func launch() {
                let delivery = deliveries[next]
                next += 1
                group.addTask {
                    let began = ContinuousClock.now
                    try await job(delivery)
                    return seconds(ContinuousClock.now - began) * 1e3
                }
            }
            while next < min(inFlight, deliveries.count) { launch() }
            var latencies: [Double] = []
            latencies.reserveCapacity(deliveries.count)
            for try await latency in group {
                latencies.append(latency)
                if next < deliveries.count { launch() }
            }
            return latencies
        }
        let elapsed = seconds(ContinuousClock.now - start)
        check(latencies.count == deliveries.count, "lost jobs")
        return Pass(perSecond: Double(latencies.count) / elapsed, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99))
    }

    /// Verifies and parses a delivery like the intake, then runs the recipe; checks it succeeded.
    @discardableResult
    static func engineJob(_ delivery: WebhookDelivery, verifier: WebhookVerifier, interpreter: Interpreter) async throws -> Bool {
        let body = try verified(delivery, verifier)
        let record = await interpreter.run(recipe, trigger: body)
        guard record.status == .succeeded, let result = record.steps.first?.output, result["userId"].map({ $0 != .null }) == true else {
            fatalError(
                "job \(record.id) \(record.status): \(record.error?.message ?? record.message ?? "no userId in \(record.steps.first?.output?.jsonString() ?? "nil")")")
        }
        return result["created"] == .bool(true)
    }

    /// The delivery's body, after checking its signature and event type.
    static func verified(_ delivery: WebhookDelivery, _ verifier: WebhookVerifier) throws -> JSONValue {
        var headers = HTTPHeaders()
        for (name, value) in delivery.headers { headers.add(name, value) }
        guard case .valid = verifier.verify(headers: headers, body: delivery.body) else {
            fatalError("webhook signature did not verify")
        }
        let body = try JSONParser.parseValue(delivery.body, path: "delivery")
        guard verifier.scheme.eventType(of: body) == "employee.updated" else { fatalError("not employee.updated") }
        return body
    }

    /// The same HTTP calls written by hand: HiBob get_employee, Docebo user search by e-mail
    /// (every page, exact e-mail match), then update or create; one OAuth token fetched up front.
    struct Floor: Sendable {
        let client: URLSessionClient
        let verifier: WebhookVerifier
        let hibob: String
        let docebo: String
        let basic: String
        let bearer: String
        static let fields: JSONValue = [
            "root.id", "root.email", "root.firstName", "root.surname", "work.department", "internal.status",
            "internal.terminationDate",
        ]

        init(fixture: SandboxFixture, verifier: WebhookVerifier) async throws {
            client = URLSessionClient.shared
            self.verifier = verifier
            hibob = fixture.server.baseURL + "/hibob"
            docebo = fixture.server.baseURL + "/docebo"
            let c = fixture.sandbox.configuration
            basic = "Basic " + Data("\(c.hibob.serviceUserID):\(c.hibob.token)".utf8).base64EncodedString()
            let form = [
                ("grant_type", "password"), ("client_id", c.docebo.clientID), ("client_secret", c.docebo.clientSecret),
                ("username", c.docebo.username), ("password", c.docebo.password), ("scope", "api"),
            ].map { "\($0)=\(Self.encode($1))" }.joined(separator: "&")
            let answer = try await client.send(
                ClientRequest(
                    method: .post, url: docebo + "/oauth2/token",
                    headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"], body: Array(form.utf8)))
            guard answer.status == 200, let token = try JSONParser.parseValue(answer.body)["access_token"]?.stringValue else {
                throw SandboxFixture.SetupError(description: "Docebo token: HTTP \(answer.status)")
            }
            bearer = "Bearer " + token
        }

        static func encode(_ text: String) -> String {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
        }

        func send(_ method: HTTPMethod, _ url: String, auth: String, body: JSONValue? = nil) async throws -> JSONValue {
            var headers: HTTPHeaders = ["Accept": "application/json", "Authorization": auth]
            if body != nil { headers.add("Content-Type", "application/json") }
            let answer = try await client.send(
                ClientRequest(method: method, url: url, headers: headers, body: body?.jsonBytes() ?? []))
            guard answer.status == 200 else { fatalError("\(method) \(url): HTTP \(answer.status)") }
            return try JSONParser.parseValue(answer.body)
        }

        func job(_ delivery: WebhookDelivery) async throws {
            let event = try verified(delivery, verifier)
            guard let id = event["data"]?["employeeId"]?.stringValue else { fatalError("no employeeId") }
            let employee = try await send(.post, "\(hibob)/v1/people/\(id)", auth: basic, body: ["fields": Self.fields])
            guard employee["id"] == .string(id), let rawEmail = employee["email"]?.stringValue else {
                fatalError("get_employee \(id): \(employee.jsonString())")
            }
            let email = rawEmail.trimmingCharacters(in: .whitespaces).lowercased()
            // As find_users_by_email: the e-mail, then the last and first name, every page, exact
            // e-mail matches kept once.
            var terms: [String] = []
            for term in [email, employee["surname"]?.stringValue, employee["firstName"]?.stringValue] {
                if let term = term?.trimmingCharacters(in: .whitespaces), !term.isEmpty, !terms.contains(term) { terms.append(term) }
            }
            var matches: [JSONValue] = []
            for term in terms {
                var page = 1
                while true {
                    let found = try await send(
                        .get, "\(docebo)/manage/v1/user?search_text=\(Self.encode(term))&page=\(page)&page_size=200", auth: bearer)
                    for item in found["data"]?["items"]?.arrayValue ?? []
                    where item["email"]?.stringValue?.trimmingCharacters(in: .whitespaces).lowercased() == email
                        && !matches.contains(where: { $0["user_id"] == item["user_id"] })
                    {
                        matches.append(item)
                    }
                    guard found["data"]?["has_more_data"] == .bool(true) else { break }
                    page += 1
                }
            }
            guard matches.count <= 1 else { fatalError("several Docebo users with \(email)") }
            let status = employee["internal"]?["status"] == "Active" ? 1 : 0
            var fields = JSONObject()
            fields["email"] = .string(email)
            if let first = employee["firstName"] { fields["firstname"] = first }
            if let last = employee["surname"] { fields["lastname"] = last }
            if let user = matches.first, let userID = user["user_id"] {
                let id = userID.stringValue ?? userID.intValue.map(String.init) ?? ""
                _ = try await send(.put, "\(docebo)/manage/v1/user/\(id)", auth: bearer, body: .object(fields))
                let current = user["status"]?.intValue ?? Int(user["status"]?.stringValue ?? "")
                if current != status {
                    _ = try await send(
                        .put, "\(docebo)/manage/v1/user/change_status", auth: bearer,
                        body: ["user_ids": [.string(id)], "status": .int(status)])
                }
            } else {
                fatalError("no Docebo user for \(email): the engine's warm-up pass creates them all")
            }
        }
    }
}

