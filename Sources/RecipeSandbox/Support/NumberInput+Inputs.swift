// Every numeric input of every sandbox endpoint, named once with its range. The page-size
// ranges are the vendors' documented ones (docs/sandbox.md, docs/assumed-apis.md); page
// numbers and offsets are capped by `maxPage` and `maxOffset`, far past any data the sandbox
// holds, so the arithmetic the fakes do on them cannot overflow.

extension NumberInput {
    /// The largest page number a list accepts. The largest company (100,000 employees) is
    /// 100,000 pages at one item a page; (`maxPage` − 1) × the largest page size (500) is
    /// 5 × 10^8, far from `Int.max`.
    public static let maxPage = 1_000_000
    /// The largest offset (a cursor, `skip` or a 360Learning `next` token) a list accepts; `maxOffset` plus the
    /// largest page size cannot overflow.
    public static let maxOffset = 1_000_000_000

    // Docebo `GET /manage/v1/user`.
    static let doceboPage = NumberInput("page", 1...maxPage)
    static let doceboPageSize = NumberInput("page_size", 1...200)

    // Greenhouse Harvest lists.
    static let greenhousePage = NumberInput("page", 1...maxPage)
    static let greenhousePerPage = NumberInput("per_page", 1...500)

    // HiBob `POST /v1/positions/position-openings/search` (`pagination.limit`, cursor `o<offset>`).
    static let hibobOpeningsLimit = NumberInput("limit", 1...200)
    static let hibobOpeningsCursor = NumberInput("cursor", 0...maxOffset)

    // 360Learning `GET /api/v2/users?next=<offset>[.<mail>]` (the offset part of the token).
    static let learning360Next = NumberInput("next", 0...maxOffset)

    // Reachdesk `GET /v1/recipients?cursor=&limit=` (docs/assumed-apis.md).
    static let reachdeskLimit = NumberInput("limit", 1...500)
    static let reachdeskCursor = NumberInput("cursor", 0...maxOffset)

    // HiPeople `GET /api/open_job_roles?skip=&limit=`.
    static let hipeopleSkip = NumberInput("skip", 0...maxOffset)
    static let hipeopleLimit = NumberInput("limit", 1...100)

    /// A numeric id in a sandbox admin path (`/_sandbox/greenhouse/applications/{id}/stage`).
    static let adminID = NumberInput("id", 0...Int.max)

    /// `GET /_sandbox/mail?after=<id>`: the id of the last message already read.
    static let mailAfter = NumberInput("after", 0...Int.max)

    /// The parts of a `yyyy-MM-dd` date in a request: the years of the Gregorian calendar
    /// as written with four digits.
    static let year = NumberInput("year", 1...9999)
    static let month = NumberInput("month", 1...12)
    static let dayOfMonth = NumberInput("day", 1...31)
}
