// A fixed workload that uses none of the engine, printed first so figures taken on different
// machines can be compared: the same binary ran the targets' figures 2-3x apart on two of our
// sandboxes, and this line tells a slow machine from a slow change.
import Foundation

enum CalibrationBenchmark {
    static let keys = (0..<200_000).map { "employee-\($0 &* 2_654_435_761 % 1_000_003)" }

    /// Inserts 200,000 short strings into a dictionary and sorts them: hashing, allocation
    /// and comparisons, like the engine's own work. ns per string.
    static func run() {
        let summary = rounds { () -> Double in
            let start = ContinuousClock.now
            var table = [String: Int](minimumCapacity: keys.count)
            for (position, key) in keys.enumerated() { table[key] = position }
            let sorted = table.keys.sorted()
            precondition(sorted.count == Set(keys).count, "calibration lost keys")
            return seconds(ContinuousClock.now - start) * 1e9 / Double(keys.count)
        }
        report("calibration (dictionary insert + sort of 200,000 short strings, no engine code)", summary, unit: "ns/string", target: nil)
    }
}
