/// The HiBob side of a generated company: employees plus Workforce Planning.
public struct GeneratedCompany: Sendable {
    public var employees: [HiBobEmployee]
    public var positions: [Position]
    public var openings: [PositionOpening]
    /// Next numeric suffix for ids the sandbox hands out later.
    var nextEmployeeNumber: Int
    var nextPlanningNumber: Int
}

/// The Greenhouse side of a generated company.
public struct GeneratedRecruiting: Sendable {
    public var users: [GreenhouseUser]
    public var jobs: [GreenhouseJob]
    public var candidates: [GreenhouseCandidate]
    public var applications: [GreenhouseApplication]
}

/// Fixed vocabularies the generator draws from.
enum CompanyVocabulary {
    static let firstNames = [
        "Ada", "Alan", "Amara", "Anna", "Arjun", "Beatriz", "Ben", "Chen", "Chloe", "Daniel", "Dara", "Elena",
        "Emeka", "Emma", "Farah", "Felix", "Gita", "Hana", "Hugo", "Ines", "Ivan", "Jana", "Jonas", "Kai", "Kenji",
        "Lara", "Leo", "Lina", "Luca", "Maya", "Mateo", "Mia", "Nadia", "Noah", "Nora", "Omar", "Olga", "Priya",
        "Quinn", "Rafael", "Rosa", "Sami", "Sara", "Sofia", "Tariq", "Tess", "Theo", "Uma", "Vera", "Victor",
        "Wen", "Xavier", "Yara", "Yusuf", "Zoe", "Aiko", "Bruno", "Carmen", "Dmitri", "Esther",
    ]
    static let surnames = [
        "Adams", "Almeida", "Bauer", "Becker", "Brown", "Chen", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia",
        "Gupta", "Hansen", "Hoffmann", "Ito", "Jansen", "Kim", "Kowalski", "Lambert", "Larsen", "Lopez", "Martin",
        "Meyer", "Moreau", "Nakamura", "Nguyen", "Novak", "Okafor", "Olsen", "Patel", "Petrov", "Quinn", "Rossi",
        "Santos", "Schmidt", "Silva", "Smith", "Sousa", "Tanaka", "Taylor", "Ueda", "Vargas", "Weber", "Wilson",
        "Wong", "Yilmaz", "Zhang", "Zimmer", "Haddad", "Mensah",
    ]
    static let departments = [
        "Engineering", "Product", "Sales", "Marketing", "Customer Success", "Finance", "People", "Operations",
        "Legal", "Design",
    ]
    /// Sites with their ISO 3166 alpha-2 country.
    static let sites: [(name: String, country: String)] = [
        ("London", "GB"), ("New York", "US"), ("Tel Aviv", "IL"), ("Berlin", "DE"), ("Paris", "FR"),
        ("Lisbon", "PT"), ("Toronto", "CA"), ("Sydney", "AU"),
    ]
    static let titles = [
        "Engineer", "Senior Engineer", "Manager", "Analyst", "Specialist", "Designer", "Coordinator", "Lead",
        "Director", "Associate",
    ]
    static let stageNames = [
        "Application Review", "Phone Screen", "Assessment", "Reference Check", "Offer",
    ]
    static let emailDomain = "acme.example"
}
