// The HTTP/1.1 request parser (RFC 9112): any byte stream gives requests and at most one
// error, never a trap; and feeding the stream in pieces (as sockets do) gives the same
// requests and the same error as feeding it whole. Small limits so the limit checks are hit.
import FuzzSupport
import RecipeHTTP
import RecipeHTTPCore

private let limits: HTTPServerLimits = {
    var limits = HTTPServerLimits()
    limits.maxRequestLineBytes = 256
    limits.maxHeaderBytes = 1024
    limits.maxHeaderCount = 16
    limits.maxBodyBytes = 4096
    return limits
}()

private struct Parsed: Equatable {
    var method: String
    var target: String
    var version: String
    var headers: HTTPHeaders
    var body: [UInt8]
    var keepAlive: Bool
}

/// Every request the stream holds, and the error that ended it, if any.
private func parse(_ chunks: [ArraySlice<UInt8>]) -> (requests: [Parsed], error: HTTPParseError?) {
    var parser = HTTPRequestParser(limits: limits)
    var requests: [Parsed] = []
    for chunk in chunks {
        parser.append(Array(chunk))
        do {
            while let event = try parser.next() {
                guard case .request(let request, let keepAlive) = event else { continue }
                _ = (request.path, request.queryItems)
                requests.append(
                    Parsed(
                        method: request.method.rawValue, target: request.target, version: request.version,
                        headers: request.headers, body: request.body, keepAlive: keepAlive))
            }
        } catch {
            return (requests, error)
        }
    }
    return (requests, nil)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    guard let seed = bytes.first else { return 0 }
    let stream = Array(bytes.dropFirst())
    let whole = parse([stream[...]])
    let split = parse(pieces(stream, seed: seed))
    require(whole.requests == split.requests, "pieces gave other requests: \(whole.requests.count) vs \(split.requests.count)")
    require(whole.error == split.error, "pieces gave another error: \(String(describing: whole.error)) vs \(String(describing: split.error))")
    return 0
}
