/// Why a request could not be read, with the status the server answers before closing:
/// 400 (bad syntax or framing), 413 (body too large), 431 (request line or headers too
/// large), 501 (transfer coding not implemented), 505 (HTTP version not supported).
import RecipeHTTPCore

public struct HTTPParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public let status: Int
    public let reason: String

    public init(status: Int, _ reason: String) {
        self.status = status
        self.reason = reason
    }

    static func bad(_ reason: String) -> HTTPParseError { HTTPParseError(status: 400, reason) }
    static func tooLarge(_ reason: String) -> HTTPParseError { HTTPParseError(status: 413, reason) }
    static func headersTooLarge(_ reason: String) -> HTTPParseError { HTTPParseError(status: 431, reason) }

    public var description: String { "\(status) \(HTTPResponse.reason(for: status)): \(reason)" }
}
