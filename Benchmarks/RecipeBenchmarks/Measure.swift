// Timing, statistics and the one-line-per-figure output of the benchmarks.
import Foundation

/// How many timed rounds each benchmark runs after its warm-up round.
let benchmarkRounds = 7

/// Seconds in a `Duration`, as a `Double`.
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Median, minimum and maximum of the per-round figures.
struct Summary {
    var median: Double
    var min: Double
    var max: Double

    init(_ samples: [Double]) {
        precondition(!samples.isEmpty, "no samples")
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        min = sorted[0]
        max = sorted[sorted.count - 1]
    }
}

/// Runs `body` once as warm-up, then `benchmarkRounds` times; each call returns one figure.
func rounds(_ body: () throws -> Double) rethrows -> Summary {
    _ = try body()
    var samples: [Double] = []
    for _ in 0..<benchmarkRounds { samples.append(try body()) }
    return Summary(samples)
}

/// The async form of `rounds`.
func rounds(_ body: () async -> Double) async -> Summary {
    _ = await body()
    var samples: [Double] = []
    for _ in 0..<benchmarkRounds { samples.append(await body()) }
    return Summary(samples)
}

/// Formats a figure with three significant decimals.
func format(_ value: Double) -> String {
    String(format: value >= 100 ? "%.1f" : "%.3f", value)
}

/// Prints one figure: `label: median X unit (min A, max B) target < T unit [ok]`.
/// The verdict is `[ok]`, or `[MISSED by N%]` when the median is over the target.
func report(_ label: String, _ summary: Summary, unit: String, target: Double?) {
    var line = "\(label): median \(format(summary.median)) \(unit) (min \(format(summary.min)), max \(format(summary.max)))"
    if let target {
        line += " target < \(format(target)) \(unit)"
        line += summary.median < target ? " [ok]" : " [MISSED by \(Int(((summary.median / target) - 1) * 100))%]"
    }
    print(line)
    fflush(nil)
}

/// Prints a single figure that is not a timing (memory samples).
func reportValue(_ label: String, _ value: Double, unit: String, target: Double? = nil) {
    var line = "\(label): \(format(value)) \(unit)"
    if let target {
        line += " target < \(format(target)) \(unit)"
        line += value < target ? " [ok]" : " [MISSED by \(format(value - target)) \(unit)]"
    }
    print(line)
    fflush(nil)
}

/// Resident memory of this process in KiB (`VmRSS` of /proc/self/status), or nil off Linux.
func residentKiB() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }
    return nil
}

/// Like `rounds`, for a body that measures several figures at once (throughput and latency
/// percentiles): runs it once as warm-up, then `benchmarkRounds` times, and returns the timed
/// rounds' results; summarise each figure with `Summary(samples.map(\.figure))`.
func timedRounds<Sample>(_ body: () async throws -> Sample) async rethrows -> [Sample] {
    _ = try await body()
    var samples: [Sample] = []
    for _ in 0..<benchmarkRounds { samples.append(try await body()) }
    return samples
}

/// The `fraction` percentile (0.5, 0.99) of `values` by nearest rank; `values` need not be sorted.
func percentile(_ values: [Double], _ fraction: Double) -> Double {
    precondition(!values.isEmpty, "no values")
    let sorted = values.sorted()
    let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(rank, 0), sorted.count - 1)]
}

/// A `precondition` whose message survives release builds (which drop precondition messages).
func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        fflush(nil)
        fatalError(message())
    }
}
