import Foundation
import RecipeTestSupport
import Testing

/// `Benchmarks/missed.sh`, the verdict both benchmark scripts end with: a missed target is
/// printed loudly as MISSED, and with `--check` (1) the script exits non-zero.
struct BenchmarkVerdictTests {
    @Test(arguments: [
        ("a: 1 [ok]\nb: 2 target < 1 [MISSED by 100%]\n", "0", Int32(0), true),
        ("a: 1 [ok]\nb: 2 target < 1 [MISSED by 100%]\n", "1", Int32(1), true),
        ("ratio    recipe/nginx = 0.40 (target >= 0.50) [MISSED]\n", "1", Int32(1), true),
        ("a: 1 [ok]\n", "1", Int32(0), false),
        ("a: 1 [ok]\n", "0", Int32(0), false),
    ])
    func aMissedTargetIsLoudAndFailsWithCheck(output: String, check: String, status: Int32, loud: Bool) async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).txt")
        try output.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let (exit, stderr) = try await offloaded { () -> (Int32, String) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [PackagePaths.root.appendingPathComponent("Benchmarks/missed.sh").path, file.path, check]
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        #expect(exit == status)
        #expect(stderr.contains("MISSED: 1 target(s) not met") == loud, "\(stderr)")
    }
}
