import Foundation

/// Bearer tokens issued by a fake OAuth2 endpoint, each with an owner and an expiry read
/// against the injected clock.
struct TokenBook: Sendable {
    private var tokens: [String: (client: String, expires: Date)] = [:]
    private var issued = 0

    /// Issues a fresh token for `client`, valid for `ttl` seconds from `now`.
    mutating func issue(client: String, now: Date, ttl: Int, random: inout SeededRandom) -> String {
        issued += 1
        let token = "sbx\(issued)" + random.hex(32)
        tokens[token] = (client, now.addingTimeInterval(Double(ttl)))
        return token
    }

    /// The client owning a token still valid at `now`, or `nil` for unknown or expired tokens.
    func client(for token: String, now: Date) -> String? {
        guard let entry = tokens[token], now < entry.expires else { return nil }
        return entry.client
    }

    var count: Int { tokens.count }
}
