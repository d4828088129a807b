// Greenhouse Harvest records as the fake stores them.
// Follows https://developers.greenhouse.io/harvest.html: integer ids, application status
// active/rejected/hired, candidate email_addresses with type personal/work/other, job stages.

/// A Greenhouse user (recruiter), the only valid `On-Behalf-Of` values.
public struct GreenhouseUser: Sendable, Hashable {
    public var id: Int
    public var name: String
    public var email: String
}

/// An interview stage of a job.
public struct GreenhouseStage: Sendable, Hashable {
    public var id: Int
    public var name: String
    public var priority: Int
}

/// A job with its stages.
public struct GreenhouseJob: Sendable, Hashable {
    public var id: Int
    public var name: String
    /// `open`, `closed`, `draft`.
    public var status: String
    public var department: String
    public var stages: [GreenhouseStage]
}

/// A candidate; `applicationIDs` in order of application.
public struct GreenhouseCandidate: Sendable, Hashable {
    public var id: Int
    public var firstName: String
    public var lastName: String
    public var email: String
    public var emailType: String
    public var createdAt: String
    public var updatedAt: String
    public var applicationIDs: [Int]
    public var tags: [String] = []
}

/// A candidate's application to one job.
public struct GreenhouseApplication: Sendable, Hashable {
    public var id: Int
    public var candidateID: Int
    public var jobID: Int
    /// `active`, `rejected`, `hired`.
    public var status: String
    public var stageID: Int
    public var appliedAt: String
    public var lastActivityAt: String
}

/// An activity-feed note.
public struct GreenhouseNote: Sendable, Hashable {
    public var id: Int
    public var candidateID: Int
    public var userID: Int
    public var body: String
    public var visibility: String
    public var createdAt: String
}
