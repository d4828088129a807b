@testable import RecipeHTTP
import RecipeHTTPCore

/// What a parser made of some input: requests, `100 Continue` signals, and the error if any.
struct ParseOutcome {
    var requests: [(request: HTTPRequest, keepAlive: Bool)] = []
    var continues = 0
    var error: HTTPParseError?
    var parser: HTTPRequestParser

    var first: HTTPRequest? { requests.first?.request }
}

/// Feeds `raw` in chunks of `chunkSize` bytes (whole when nil), draining events after each.
func parse(_ raw: String, limits: HTTPServerLimits = .default, chunkSize: Int? = nil) -> ParseOutcome {
    parse(Array(raw.utf8), limits: limits, chunkSize: chunkSize)
}

func parse(_ bytes: [UInt8], limits: HTTPServerLimits = .default, chunkSize: Int? = nil) -> ParseOutcome {
    var outcome = ParseOutcome(parser: HTTPRequestParser(limits: limits))
    let size = max(1, chunkSize ?? bytes.count)
    var offset = 0
    repeat {
        let end = min(bytes.count, offset + size)
        outcome.parser.append(Array(bytes[offset..<end]))
        offset = end
        do {
            while let event = try outcome.parser.next() {
                switch event {
                case .expectContinue: outcome.continues += 1
                case .request(let request, let keepAlive): outcome.requests.append((request, keepAlive))
                }
            }
        } catch {
            outcome.error = error
            return outcome
        }
    } while offset < bytes.count
    return outcome
}

/// Limits with small numbers, so both sides of each line are cheap to test.
func smallLimits(
    requestLine: Int = 8 * 1024, headerBytes: Int = 32 * 1024, headerCount: Int = 100, body: Int = 1024 * 1024
) -> HTTPServerLimits {
    var limits = HTTPServerLimits()
    limits.maxRequestLineBytes = requestLine
    limits.maxHeaderBytes = headerBytes
    limits.maxHeaderCount = headerCount
    limits.maxBodyBytes = body
    return limits
}
