import Synchronization

/// Makes job ids: UUID-shaped text (version 4 layout) from a random 64-bit prefix drawn once
/// per process and a counter, so ids are unique without a system call per job (drawing 16
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

    /// `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx` with the version and variant bits set.
    static func format(high: UInt64, low: UInt64) -> String {
        let high = high & 0xFFFF_FFFF_FFFF_0FFF | 0x0000_0000_0000_4000
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
