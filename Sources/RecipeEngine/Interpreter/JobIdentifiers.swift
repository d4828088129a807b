import RecipeCrypto
import Synchronization

/// Makes job ids: UUID-shaped text (version 4 layout) from a random 64-bit prefix drawn once
/// per process and a counter (or, for the job of an asynchronous call, derived from its parent), so ids are unique without a system call per job (drawing 16
/// random bytes per job from the kernel was 10% of a short job's time).
final class JobIdentifiers: Sendable {
    static let shared = JobIdentifiers()

    private let prefix: UInt64
    private let counter = Atomic<UInt64>(0)

    init() {
        var generator = SystemRandomNumberGenerator()
        prefix = generator.next()
    }

    func next() -> String {
        let count = counter.add(1, ordering: .relaxed).newValue
        // Mix the counter so consecutive ids do not differ in one digit only.
        let mixed = count &* 0x9E37_79B9_7F4A_7C15
        return Self.format(high: prefix ^ mixed.byteSwapped, low: mixed ^ prefix.byteSwapped)
    }

    /// The id of the job an asynchronous call at `path` of job `parent` starts: the same in
    /// every run of the parent (a resumed parent finds its child instead of starting another).
    /// UUID-shaped, version 8 (RFC 9562 §5.8: custom), from SHA-256 of the parent id and path.
    static func derived(parent: String, path: StepPath) -> String { derived(parent: parent, name: path.description) }

    /// A UUID-shaped id (version 8) from SHA-256 of `parent` and `name`.
    static func derived(parent: String, name: String) -> String {
        let digest = HashAlgorithm.sha256.digest(Array("\(parent)\n\(name)".utf8))
        let high = digest[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = digest[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return format(high: high, low: low, version: 8)
    }

    /// `xxxxxxxx-xxxx-Vxxx-yxxx-xxxxxxxxxxxx` with the version and variant bits set.
    static func format(high: UInt64, low: UInt64, version: UInt64 = 4) -> String {
        let high = high & 0xFFFF_FFFF_FFFF_0FFF | version << 12
        let low = low & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(36)
        for (index, shift) in stride(from: 60, through: 0, by: -4).enumerated() {
            if index == 8 || index == 12 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(high >> UInt64(shift) & 0xF)])
        }
        for (index, shift) in stride(from: 60, through: 0, by: -4).enumerated() {
            if index == 0 || index == 4 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(low >> UInt64(shift) & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
