import Foundation

/// Generates a deterministic company from a seed: the same seed, size and reference day give
/// the same employees, positions, openings, jobs and candidates, byte for byte.
///
/// Proportions: about 4% future starters and 4% past leavers (Inactive), 3% with a future
/// termination date (still Active); one position per 20 employees (at least 5), two thirds
/// approved; one Greenhouse job per 50 employees (3...200) and one candidate per 10.
public struct CompanyGenerator: Sendable {
    public var seed: UInt64
    public var size: Int
    /// Day number (days since 1970-01-01) the dates are generated around.
    public var today: Int

    public init(seed: UInt64, size: Int, today: Int) {
        self.seed = seed
        self.size = min(max(size, 50), 100_000)
        self.today = today
    }

    /// First backend id; ids grow by 1,000 plus a random remainder, so they stay 19 digits.
    static let idBase = 3_332_883_800_000_000_000

    /// The 19-digit id of employee number `n`.
    static func employeeID(_ n: Int, jitter: Int) -> String { String(idBase + n * 1_000 + jitter) }

    public func makeCompany() -> GeneratedCompany {
        var random = SeededRandom(seed: seed)
        var employees: [HiBobEmployee] = []
        employees.reserveCapacity(size)
        var usedEmails: [String: Int] = [:]
        let vocabulary = CompanyVocabulary.self
        for n in 0..<size {
            let first = random.pick(vocabulary.firstNames)
            let last = random.pick(vocabulary.surnames)
            let email = Self.uniqueEmail(first: first, last: last, used: &usedEmails)
            let site = random.pick(vocabulary.sites)
            let roll = random.below(100)
            var start = today - 30 - random.below(3_000)
            var termination: String?
            if roll < 4 {
                start = today + 1 + random.below(60)
            } else if roll < 8 {
                termination = SandboxDate.string(day: today - 1 - random.below(365))
            } else if roll < 11 {
                termination = SandboxDate.string(day: today + 1 + random.below(90))
            }
            var employee = HiBobEmployee(
                id: Self.employeeID(n, jitter: random.below(1_000)), firstName: first, surname: last, email: email,
                department: random.pick(vocabulary.departments), site: site.name, country: site.country,
                title: random.pick(vocabulary.titles), startDate: SandboxDate.string(day: start),
                terminationDate: termination, managerID: n == 0 ? nil : employees[(n - 1) / 7].id)
            employee.status = employee.impliedStatus(today: today)
            employees.append(employee)
        }
        var company = GeneratedCompany(
            employees: employees, positions: [], openings: [], nextEmployeeNumber: size, nextPlanningNumber: 1)
        makePlanning(into: &company, random: &random)
        return company
    }

    private func makePlanning(into company: inout GeneratedCompany, random: inout SeededRandom) {
        let statuses = ["vacant", "vacant", "vacant", "filled", "onHold", "departing"]
        for _ in 0..<max(5, size / 20) {
            let number = company.nextPlanningNumber
            company.nextPlanningNumber += 1
            let site = random.pick(CompanyVocabulary.sites)
            let manager = company.employees[random.below(min(company.employees.count, 50))]
            let position = Position(
                id: String(480_000_000 + number), name: random.pick(CompanyVocabulary.titles),
                status: random.pick(statuses), department: random.pick(CompanyVocabulary.departments),
                site: site.name, employmentType: random.chance(0.85) ? "Full-time" : "Part-time",
                effectiveDate: SandboxDate.string(day: today - random.below(120)), approved: random.below(3) < 2,
                hiringManagerID: manager.id)
            company.positions.append(position)
            for index in 0..<(1 + random.below(3)) {
                let openingNumber = company.nextPlanningNumber
                company.nextPlanningNumber += 1
                company.openings.append(
                    PositionOpening(
                        id: String(490_000_000 + openingNumber), positionID: position.id,
                        name: "\(position.name) #\(index + 1)",
                        status: position.status == "filled" ? "filled" : "vacant",
                        recruitmentStatus: random.pick(["open", "open", "onHold", "closed"]),
                        expectedStartDate: SandboxDate.string(day: today + 30 + random.below(120)),
                        approved: position.approved && random.chance(0.8)))
            }
        }
    }

    public func makeRecruiting() -> GeneratedRecruiting {
        var random = SeededRandom(seed: seed ^ 0x6EE7)
        let users = (0..<5).map { n in
            let first = CompanyVocabulary.firstNames[n * 7]
            let last = CompanyVocabulary.surnames[n * 3]
            return GreenhouseUser(
                id: 4_000 + n, name: "\(first) \(last)",
                email: "\(first.lowercased()).\(last.lowercased())@\(CompanyVocabulary.emailDomain)")
        }
        var stageID = 70_000
        let jobs = (0..<min(max(3, size / 50), 200)).map { n -> GreenhouseJob in
            let stages = CompanyVocabulary.stageNames.enumerated().map { priority, name in
                stageID += 1
                return GreenhouseStage(id: stageID, name: name, priority: priority)
            }
            let department = random.pick(CompanyVocabulary.departments)
            return GreenhouseJob(
                id: 3_000 + n, name: "\(department) \(random.pick(CompanyVocabulary.titles))",
                status: n % 10 == 9 ? "closed" : "open", department: department, stages: stages)
        }
        var candidates: [GreenhouseCandidate] = []
        var applications: [GreenhouseApplication] = []
        var usedEmails = Set<String>()
        let created = SandboxDate.string(day: today - 20) + "T09:00:00Z"
        for n in 0..<max(10, size / 10) {
            let first = random.pick(CompanyVocabulary.firstNames)
            let last = random.pick(CompanyVocabulary.surnames)
            var email = "\(first.lowercased()).\(last.lowercased())@candidates.example"
            if usedEmails.contains(email) { email = "\(first.lowercased()).\(last.lowercased()).\(n)@candidates.example" }
            usedEmails.insert(email)
            let job = random.pick(jobs)
            let stage = job.stages[random.below(job.stages.count)]
            let status = random.below(10) < 8 ? "active" : "rejected"
            let application = GreenhouseApplication(
                id: 260_000 + n, candidateID: 200_000 + n, jobID: job.id, status: status, stageID: stage.id,
                appliedAt: created, lastActivityAt: created)
            applications.append(application)
            candidates.append(
                GreenhouseCandidate(
                    id: 200_000 + n, firstName: first, lastName: last, email: email, emailType: "personal",
                    createdAt: created, updatedAt: created, applicationIDs: [application.id]))
        }
        return GeneratedRecruiting(users: users, jobs: jobs, candidates: candidates, applications: applications)
    }

    /// `first.last@acme.example`, then `first.last2@…`, `first.last3@…` for later namesakes.
    /// Stems hold no digits, so a counted stem never collides with another stem.
    static func uniqueEmail(first: String, last: String, used: inout [String: Int]) -> String {
        let stem = first.lowercased() + "." + last.lowercased()
        let seen = used[stem, default: 0] + 1
        used[stem] = seen
        return stem + (seen == 1 ? "" : String(seen)) + "@" + CompanyVocabulary.emailDomain
    }
}
