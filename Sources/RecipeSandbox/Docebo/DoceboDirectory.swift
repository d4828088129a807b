// The Docebo fake's users, indexed for what its API does on every request: list in id order,
// find by username (case-insensitive, unique), and `search_text` over first name, last name and
// username. With 100,000 users a search used to lowercase 300,000 strings and sort the whole
// table; now the lowercased search text is kept per user and the order is maintained.

/// Docebo users by id, in id order, with a username index and precomputed search text.
struct DoceboDirectory {
    /// Users in ascending id order (ids only grow, so creation appends).
    private(set) var ordered: [DoceboUser] = []
    /// Lowercased "first \u{1} last \u{1} username" of `ordered[i]`: a needle without U+0001
    /// cannot match across two fields (one with it is checked field by field).
    private var searchTexts: [[UInt8]] = []
    private var positions: [Int: Int] = [:]
    /// Lowercased username → id.
    private var usernames: [String: Int] = [:]

    var count: Int { ordered.count }

    /// Reads a user; assigning inserts or replaces it, assigning `nil` removes it.
    subscript(id: Int) -> DoceboUser? {
        get { positions[id].map { ordered[$0] } }
        set {
            if let newValue {
                upsert(newValue)
            } else {
                _ = removeValue(forKey: id)
            }
        }
    }

    /// The user whose username matches, ignoring case.
    func user(named username: String) -> DoceboUser? {
        usernames[username.lowercased()].flatMap { self[$0] }
    }

    /// Users whose first name, last name or username contains `text` (case-insensitive), in
    /// id order; all users for an empty text.
    func search(_ text: String) -> [DoceboUser] {
        guard !text.isEmpty else { return ordered }
        let needle = Array(text.lowercased().utf8)
        guard !needle.contains(Self.separator) else {
            // Could match across two fields in the joined text: check the fields one by one.
            return ordered.filter { user in
                [user.firstName, user.lastName, user.username].contains { Self.contains(Array($0.lowercased().utf8), needle) }
            }
        }
        return ordered.indices.filter { Self.contains(searchTexts[$0], needle) }.map { ordered[$0] }
    }

    @discardableResult
    mutating func removeValue(forKey id: Int) -> DoceboUser? {
        guard let position = positions[id] else { return nil }
        let user = ordered.remove(at: position)
        searchTexts.remove(at: position)
        positions[id] = nil
        for later in position..<ordered.count { positions[ordered[later].id] = later }
        let name = user.username.lowercased()
        if usernames[name] == id { usernames[name] = nil }
        return user
    }

    private mutating func upsert(_ user: DoceboUser) {
        if let position = positions[user.id] {
            let oldName = ordered[position].username.lowercased()
            if usernames[oldName] == user.id { usernames[oldName] = nil }
            ordered[position] = user
            searchTexts[position] = Self.searchText(of: user)
        } else if ordered.last.map({ $0.id < user.id }) ?? true {
            positions[user.id] = ordered.count
            ordered.append(user)
            searchTexts.append(Self.searchText(of: user))
        } else {
            let position = ordered.firstIndex { $0.id > user.id } ?? ordered.count
            ordered.insert(user, at: position)
            searchTexts.insert(Self.searchText(of: user), at: position)
            for later in position..<ordered.count { positions[ordered[later].id] = later }
        }
        usernames[user.username.lowercased()] = user.id
    }

    private static let separator: UInt8 = 0x01

    private static func searchText(of user: DoceboUser) -> [UInt8] {
        Array("\(user.firstName.lowercased())\u{1}\(user.lastName.lowercased())\u{1}\(user.username.lowercased())".utf8)
    }

    /// Whether `needle` occurs in `haystack` (bytes).
    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count, let first = needle.first else { return needle.isEmpty }
        var start = 0
        while start + needle.count <= haystack.count {
            if haystack[start] == first && haystack[start..<start + needle.count].elementsEqual(needle) { return true }
            start += 1
        }
        return false
    }
}
