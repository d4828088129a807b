// RecipeBenchmarks: release-build figures for the engine's targets.
//
//   swift run -c release RecipeBenchmarks [name]     (or Benchmarks/run.sh [name]; run from the package root)
//   RecipeBenchmarks http-server PORT                (the server Benchmarks/http.sh measures)
//
// Each benchmark runs a warm-up round and `benchmarkRounds` timed rounds, and prints one line
// per figure: `label: median X unit (min A, max B) target < T unit [ok]`.
import Foundation

let benchmarks: [(name: String, summary: String, run: () async throws -> Void)] = [
    ("calibration", "a fixed non-engine workload, to compare machines", { CalibrationBenchmark.run() }),
    ("load", "load + validate 1,000 generated recipes", { try LoadBenchmark.run() }),
    ("expression", "path template render and bare expression evaluation", { try ExpressionBenchmark.run() }),
    ("chain", "10-step in-memory recipe chain, 3 recipes deep", { try await ChainBenchmark.runTiming() }),
    ("memory", "resident memory over 100,000 chain jobs", { try await ChainBenchmark.runMemory() }),
    ("connector", "connector round trips per second against the sandbox (hibob.get_employee over loopback)",
     { try await ConnectorBenchmark.run() }),
    ("e2e", "HiBob → Docebo main job end to end against the sandbox, 8 in flight, with a hand-written floor",
     { try await E2EBenchmark.run() }),
    ("store", "durable group-commit appends of deliveries to SQLite (WAL, synchronous=FULL), batches of 1, 16, 256",
     { try await StoreBenchmark.run() }),
    ("intake", "durable intake of signed HiBob webhooks over 64 keep-alive connections vs the same server's no-op route",
     { try await IntakeBenchmark.run() }),
    ("durable-e2e", "the e2e job through recipes serve's engine (webhook → store → worker pool), journal on and off, vs the floor",
     { try await DurableE2EBenchmark.run() }),
    ("recovery", "restart to first resumed job with 10,000 jobs pending",
     { try await RecoveryBenchmark.run() }),
    ("serve-memory", "RSS of the recipes serve binary idle and after 100,000 deliveries; database bytes per delivery",
     { try await ServeMemoryBenchmark.run() }),
]

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "http-server" {
    // A long-running server for Benchmarks/http.sh rather than a timed figure.
    guard arguments.count == 2, let port = Int(arguments[1]) else {
        print("usage: RecipeBenchmarks http-server PORT")
        exit(2)
    }
    try await HTTPServerBenchmark.serve(port: port)
    exit(0)
}
if arguments.contains("-h") || arguments.contains("--help") || arguments.count > 1 {
    print("usage: RecipeBenchmarks [\(benchmarks.map(\.name).joined(separator: "|"))]")
    for benchmark in benchmarks { print("  \(benchmark.name): \(benchmark.summary)") }
    exit(arguments.count > 1 ? 2 : 0)
}
let selected = arguments.first
if let selected, !benchmarks.contains(where: { $0.name == selected }) {
    print("unknown benchmark '\(selected)'; one of: \(benchmarks.map(\.name).joined(separator: ", "))")
    exit(2)
}
print("RecipeBenchmarks: \(benchmarkRounds) rounds after a warm-up (the serve benchmarks: \(serveRounds)); median (min, max)")
for benchmark in benchmarks where selected == nil || selected == benchmark.name {
    do {
        try await benchmark.run()
    } catch {
        print("\(benchmark.name): FAILED: \(error)")
        exit(1)
    }
}
