import Testing

@testable import RecipeSandbox

/// The indexed Docebo directory answers like a plain dictionary scanned the slow way, over a
/// seeded run of creates, renames, out-of-order inserts, removals and searches.
struct DoceboDirectoryTests {
    static func user(_ id: Int, _ username: String, _ first: String, _ last: String) -> DoceboUser {
        DoceboUser(
            id: id, username: username, email: "\(username)@example.com", firstName: first, lastName: last, status: 1,
            level: "user", creationDate: "2026-01-01 00:00:00", expiration: nil, language: "english")
    }

    /// The reference: Docebo's rule written directly (first name, last name, username; never e-mail).
    static func slowSearch(_ users: [Int: DoceboUser], _ text: String) -> [DoceboUser] {
        let needle = text.lowercased()
        return users.values.sorted { $0.id < $1.id }.filter {
            needle.isEmpty || $0.firstName.lowercased().contains(needle) || $0.lastName.lowercased().contains(needle)
                || $0.username.lowercased().contains(needle)
        }
    }

    @Test(arguments: [1, 2, 3])
    func agreesWithAPlainDictionary(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var directory = DoceboDirectory()
        var reference: [Int: DoceboUser] = [:]
        let names = ["ada", "grace", "Alan", "edsger", "Barbara", "ÉMILIE", "linus", "ken"]
        let searches = ["", "a", "AD", "lan", "émi", "example", "zzz", "\u{1}", "ace\u{1}"]
        var nextID = 100
        for _ in 0..<400 {
            switch random.next() % 5 {
            case 0, 1:
                let id = random.next() % 7 == 0 ? Int(random.next() % 100) : nextID  // sometimes below the newest id
                nextID += 1
                let name = names[Int(random.next() % UInt64(names.count))]
                let user = Self.user(id, "\(name)\(id)", name, names[Int(random.next() % UInt64(names.count))])
                directory[id] = user
                reference[id] = user
            case 2:
                guard let id = reference.keys.sorted().first(where: { _ in random.next() % 3 == 0 }) else { continue }
                reference[id]?.username = "renamed\(id)"
                reference[id]?.firstName = "Zed"
                directory[id] = reference[id]
            case 3:
                guard let id = reference.keys.sorted().first(where: { _ in random.next() % 3 == 0 }) else { continue }
                #expect(directory.removeValue(forKey: id) == reference.removeValue(forKey: id))
            default:
                let text = searches[Int(random.next() % UInt64(searches.count))]
                #expect(directory.search(text) == Self.slowSearch(reference, text), "search '\(text)'")
            }
            #expect(directory.count == reference.count)
        }
        #expect(directory.ordered == reference.values.sorted { $0.id < $1.id })
        for user in reference.values {
            #expect(directory.user(named: user.username.uppercased()) == user)
            #expect(directory[user.id] == user)
        }
        #expect(directory.user(named: "nobody") == nil)
    }

    @Test func theEmailIsNeverSearched() {
        var directory = DoceboDirectory()
        directory[1] = Self.user(1, "ada", "Ada", "Lovelace")
        #expect(directory.search("example.com").isEmpty)
        #expect(directory.search("LOVE").map(\.id) == [1])
    }
}
