// What every fuzz target shares: starting libFuzzer from SwiftPM's `main`.
import CLibFuzzer
#if canImport(Glibc)
    import Glibc
#endif

/// The signature libFuzzer calls for each input.
public typealias FuzzEntry = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Runs libFuzzer with this process's arguments (`-max_total_time=10 corpus/` and so on) on
/// `entry`, then exits with libFuzzer's status.
public func runLibFuzzer(_ entry: FuzzEntry) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    let status = LLVMFuzzerRunDriver(&argc, &argv, entry)
    exit(status)
}

/// The input as bytes (libFuzzer may pass a null pointer for an empty input).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// Splits `bytes` into pieces of 1…`seed % 16 + 1` bytes (cycling through sizes), so a target
/// can check that feeding a stream in pieces gives what feeding it whole gives.
public func pieces(_ bytes: [UInt8], seed: UInt8) -> [ArraySlice<UInt8>] {
    let largest = Int(seed % 16) + 1
    var result: [ArraySlice<UInt8>] = []
    var start = 0
    var size = 1
    while start < bytes.count {
        let end = min(bytes.count, start + size)
        result.append(bytes[start..<end])
        start = end
        size = size % largest + 1
    }
    return result
}

/// A property every input must keep; a violation is a finding, so it crashes the fuzzer with
/// the message (libFuzzer then writes the input to a crash file).
public func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("fuzz property violated: \(message())") }
}
