// What `GET /api/v2/users` of the 360Learning fake lists.
// Follows https://360learning.readme.io/reference/v2usersgetuserscontroller_getusers (the `mail`
// filter is a deepObject query parameter in "LHS bracket notation": `mail[eq]=<mail>`) and
// https://360learning.readme.io/docs/pagination (the `Link: <URL>; rel="next"` URL carries a
// `next` parameter, "an encoded token that preserves query parameters from the initial
// request, such as filters", so a next-page request sends only `next`).
// ASSUMPTIONS (docs/sandbox.md): a bare `mail=` and any other parameter are refused with 400
// `invalidParameter`; only the `eq` operator is modelled; mails compare case-insensitively.
// The token is the sandbox's own: `<offset>` or `<offset>.<hex of the filter mail>`.
import RecipeHTTPCore

/// The filter and start offset of one `GET /api/v2/users`, from its query or its `next` token.
struct Learning360UserQuery: Equatable {
    /// `mail[eq]`, lower-cased, or nil for every user.
    var mail: String?
    var offset: Int

    /// Reads the request; the error message says which parameter is wrong.
    static func read(_ request: HTTPRequest) -> Result<Learning360UserQuery, QueryError> {
        let items = request.queryItems
        if let token = items.first(where: { $0.name == "next" })?.value {
            return decode(token).map { .success($0) } ?? .failure(QueryError("next is not a token this API issued"))
        }
        var query = Learning360UserQuery(mail: nil, offset: 0)
        for item in items {
            guard item.name == "mail[eq]" else {
                if item.name.hasPrefix("mail") {
                    return .failure(QueryError("\(item.name): filter mail with LHS bracket notation, mail[eq]=<mail>"))
                }
                return .failure(QueryError("\(item.name) is not a parameter of this endpoint"))
            }
            query.mail = item.value.lowercased()
        }
        return .success(query)
    }

    /// The token of the page that starts at `offset` with this filter.
    func token(offset: Int) -> String {
        guard let mail else { return String(offset) }
        return String(offset) + "." + mail.utf8.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
        }.joined()
    }

    private static func decode(_ token: String) -> Learning360UserQuery? {
        let parts = token.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let offset = try? NumberInput.learning360Next.parse(parts[0]) else { return nil }
        guard parts.count == 2 else { return Learning360UserQuery(mail: nil, offset: offset) }
        let hex = Array(parts[1].utf8)
        guard !hex.isEmpty, hex.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: hex.count, by: 2) {
            guard let high = nibble(hex[index]), let low = nibble(hex[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        guard let mail = String(validating: bytes, as: UTF8.self) else { return nil }
        return Learning360UserQuery(mail: mail, offset: offset)
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// Why a query was refused.
    struct QueryError: Error, Equatable {
        let message: String
        init(_ message: String) { self.message = message }
    }
}
