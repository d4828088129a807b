// The one place that calls OpenSSL libcrypto. Everything else in the engine asks for
// digests and HMACs through these functions, so a change of crypto library touches one file.
//
// OpenSSL 3 documents EVP_Digest (one-shot digest) in EVP_DigestInit(3) and HMAC() in HMAC(3):
// "HMAC() computes the message authentication code of the n bytes at d using the hash function
// evp_md and the key key which is key_len bytes long."
import CCrypto

/// The hash functions the engine uses: SHA-256 (expressions, Greenhouse signatures) and
/// SHA-512 (HiBob's `Bob-Signature`), SHA-1 only for legacy webhook schemes.
public enum HashAlgorithm: String, Sendable, CaseIterable {
    case sha1, sha256, sha512

    /// Length of the digest in bytes.
    public var digestLength: Int {
        switch self {
        case .sha1: 20
        case .sha256: 32
        case .sha512: 64
        }
    }

    fileprivate var evp: OpaquePointer? {
        switch self {
        case .sha1: EVP_sha1()
        case .sha256: EVP_sha256()
        case .sha512: EVP_sha512()
        }
    }

    /// The digest of `message`.
    public func digest(_ message: some Sequence<UInt8>) -> [UInt8] {
        let input = Array(message)
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = input.withUnsafeBytes { inputBuffer in
            EVP_Digest(inputBuffer.baseAddress, inputBuffer.count, &output, &length, evp, nil)
        }
        // EVP_Digest fails only on allocation failure or an unavailable algorithm; both mean
        // the process cannot verify anything, so it must not continue pretending it can.
        precondition(ok == 1, "libcrypto EVP_Digest(\(rawValue)) failed")
        return Array(output.prefix(Int(length)))
    }

    /// The keyed-hash message authentication code (RFC 2104) of `message` under `key`.
    public func authenticationCode(for message: some Sequence<UInt8>, key: some Sequence<UInt8>) -> [UInt8] {
        let input = Array(message)
        let keyBytes = Array(key)
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = keyBytes.withUnsafeBytes { keyBuffer in
            input.withUnsafeBytes { inputBuffer in
                HMAC(
                    evp, keyBuffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(keyBuffer.count),
                    inputBuffer.baseAddress?.assumingMemoryBound(to: UInt8.self), inputBuffer.count,
                    &output, &length)
            }
        }
        precondition(result != nil, "libcrypto HMAC(\(rawValue)) failed")
        return Array(output.prefix(Int(length)))
    }
}
