// HiBob Workforce Planning objects as the fake stores them.
// Follows https://apidocs.hibob.com/docs/explore-workforce-planning: position statuses (vacant, filled, ...),
// openings with status and recruitmentStatus (open, onHold, closed), expectedStartDate.
// ASSUMPTION (docs/sandbox.md): approval is not in HiBob's public API; the sandbox adds
// `/position/approvalStatus` and `/positionOpening/approvalStatus` (`approved` / `pending`).

/// A planned position.
public struct Position: Sendable, Hashable {
    public var id: String
    public var name: String
    /// `vacant`, `filled`, `starting`, `onHold`, `departing`, `cancelledSoon`, `cancelled`.
    public var status: String
    public var department: String
    public var site: String
    /// `Full-time`, `Part-time`, `Contractor`.
    public var employmentType: String
    public var effectiveDate: String
    public var approved: Bool
    /// Backend id of the hiring manager (employee).
    public var hiringManagerID: String?

    public init(
        id: String, name: String, status: String = "vacant", department: String, site: String,
        employmentType: String = "Full-time", effectiveDate: String, approved: Bool, hiringManagerID: String? = nil
    ) {
        self.id = id
        self.name = name
        self.status = status
        self.department = department
        self.site = site
        self.employmentType = employmentType
        self.effectiveDate = effectiveDate
        self.approved = approved
        self.hiringManagerID = hiringManagerID
    }
}

/// One planned hire under a position.
public struct PositionOpening: Sendable, Hashable {
    public var id: String
    public var positionID: String
    public var name: String
    /// `vacant`, `starting`, `filled`, `departing`.
    public var status: String
    /// `open`, `onHold`, `closed`.
    public var recruitmentStatus: String
    public var expectedStartDate: String?
    public var approved: Bool

    public init(
        id: String, positionID: String, name: String, status: String = "vacant", recruitmentStatus: String = "open",
        expectedStartDate: String? = nil, approved: Bool
    ) {
        self.id = id
        self.positionID = positionID
        self.name = name
        self.status = status
        self.recruitmentStatus = recruitmentStatus
        self.expectedStartDate = expectedStartDate
        self.approved = approved
    }
}
