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
import RecipeIntake
import RecipeModel
import RecipeTestSupport

private let root = PackagePaths.root

private let secrets = TestSecrets.environment

private let runtime: ConnectorRuntime = {
    let (runtime, _) = ConnectorSetup.load(
        definitionsDirectory: root.appendingPathComponent("connectors").path,
        connectionsFile: root.appendingPathComponent("connections.example.json").path,
        secrets: SecretResolver(environment: secrets, readFile: { _ in nil }))
    guard let runtime else { fatalError("the example connections do not load") }
    return runtime
}()

/// The intake of `recipes serve`, over the shipped project.
private let intake = WebhookIntake(project: ProjectLoader.load(root: root), verifiers: runtime.webhookVerifiers)

/// Connection, its verifier and the secret it accepts.
private let verifiers: [(connection: String, verifier: WebhookVerifier, secret: String)] = {
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
    // The same request through the intake, at the connection's webhook URL: an outcome or a
    // typed error, and a signed JSON body within the limit is never refused.
    let signed = HTTPRequest(
        method: request.method, target: WebhookIntake.path(folder: "hibob-docebo", connection: connection), headers: headers,
        body: request.body)
    do {
        _ = try intake.receive(signed, at: Date(timeIntervalSince1970: 1_795_000_000))
    } catch {
        let refused = error.httpError.status
        if mode & 1 == 1, request.method == .post, request.body.count <= WebhookIntake.defaultBodyLimit,
            (try? JSONParser.parseValue(request.body)) != nil
        {
            require(refused == 404, "\(connection): a signed JSON delivery was refused with \(refused)")
        }
    }
    return 0
}
