// HiBob employee record as the fake stores it.
// Follows https://apidocs.hibob.com/reference/post_people-search and https://apidocs.hibob.com/docs/fields-metadata:
// 19-digit backend ids kept as strings,
// `root.*` fields at the top level, `work.*` and `internal.*` nested, status Active/Inactive.

/// One employee of the generated company.
public struct HiBobEmployee: Sendable, Hashable {
    /// `internal.status`: Inactive covers not-yet-started and terminated people.
    public enum Status: String, Sendable {
        case active = "Active"
        case inactive = "Inactive"
    }

    /// Backend id: 19 digits, always a string (exceeds JavaScript's safe integers).
    public var id: String
    public var firstName: String
    public var surname: String
    /// Work e-mail (`root.email`), unique in the company.
    public var email: String
    public var department: String
    public var site: String
    /// ISO 3166 alpha-2 country of the site (`address.country`).
    public var country: String
    public var title: String
    /// `work.startDate`, `yyyy-MM-dd`.
    public var startDate: String
    /// `internal.terminationDate`, past or future, `yyyy-MM-dd`.
    public var terminationDate: String?
    public var status: Status
    /// Backend id of the manager (`work.reportsTo`).
    public var managerID: String?

    public init(
        id: String, firstName: String, surname: String, email: String, department: String, site: String,
        country: String, title: String, startDate: String, terminationDate: String? = nil,
        status: Status = .active, managerID: String? = nil
    ) {
        self.id = id
        self.firstName = firstName
        self.surname = surname
        self.email = email
        self.department = department
        self.site = site
        self.country = country
        self.title = title
        self.startDate = startDate
        self.terminationDate = terminationDate
        self.status = status
        self.managerID = managerID
    }

    /// `root.displayName`.
    public var displayName: String { firstName + " " + surname }

    /// The status the dates imply on `today` (a day number): Inactive before the start date
    /// and from the termination date on.
    func impliedStatus(today: Int) -> Status {
        if let start = SandboxDate.day(of: startDate), start > today { return .inactive }
        if let end = terminationDate.flatMap(SandboxDate.day(of:)), end <= today { return .inactive }
        return .active
    }
}
