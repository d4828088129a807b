// An inbound webhook as a vendor (or anyone who can reach the port) sends it: the bytes are
// read by the HTTP request parser, then each webhook connection of connections.example.json
// verifies the signature (the input's first byte can ask for the body to be signed with the
// right secret, so the fuzzer gets past the HMAC), recognises pings and reads the event type.
import Foundation
import FuzzSupport
import RecipeConnectors
import RecipeCrypto
import RecipeData
import RecipeHTTP
import RecipeHTTPCore
import RecipeTestSupport

private let root = PackagePaths.root

private let secrets = TestSecrets.environment

/// Connection, its verifier and the secret it accepts.
private let verifiers: [(connection: String, verifier: WebhookVerifier, secret: String)] = {
    let (runtime, _) = ConnectorSetup.load(
        definitionsDirectory: root.appendingPathComponent("connectors").path,
        connectionsFile: root.appendingPathComponent("connections.example.json").path,
        secrets: SecretResolver(environment: secrets, readFile: { _ in nil }))
    guard let runtime else { fatalError("the example connections do not load") }
    let secretOf = [
        "hibob": secrets["HIBOB_WEBHOOK_SECRET"], "greenhouse": secrets["GREENHOUSE_WEBHOOK_SECRET"],
        "hipeople": secrets["HIPEOPLE_WEBHOOK_SECRET"],
    ]
    return runtime.webhookVerifiers.keys.sorted().compactMap { name in
        guard let verifier = runtime.webhookVerifiers[name], let secret = secretOf[name] ?? nil else { return nil }
        return (name, verifier, secret)
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    guard let mode = bytes.first, !verifiers.isEmpty else { return 0 }
    var parser = HTTPRequestParser()
    parser.append(Array(bytes.dropFirst()))
    guard case .request(let request, _)? = try? parser.next() else { return 0 }
    let (connection, verifier, secret) = verifiers[Int(mode >> 1) % verifiers.count]
    var headers = request.headers
    if mode & 1 == 1 {
        // Sign as the vendor would, so the rest of the path is reached.
        let scheme = verifier.scheme
        let code = (HashAlgorithm(rawValue: scheme.algorithm.rawValue) ?? .sha256)
            .authenticationCode(for: request.body, key: Array(secret.utf8))
        let encoded = scheme.encoding == .hex ? Bytes.hex(code) : Data(code).base64EncodedString()
        headers.set(scheme.header, scheme.prefix + encoded)
    }
    let verdict = verifier.verify(headers: headers, body: request.body)
    if mode & 1 == 1 {
        require(verdict != .missingSignature && verdict != .invalidSignature, "\(connection): a correctly signed body was refused")
    }
    if case .valid = verdict, let payload = try? JSONParser.parseValue(request.body) {
        _ = verifier.scheme.eventType(of: payload)
    }
    return 0
}
