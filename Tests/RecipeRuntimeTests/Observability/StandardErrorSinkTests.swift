import Foundation
import RecipeRuntime
import Testing

@Suite struct StandardErrorSinkTests {
    @Test func linesWrittenFromManyTasksArriveWholeOnePerLine() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("obs-sink-\(UUID().uuidString).log").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0o600)
        try #require(fd >= 0)
        defer {
            close(fd)
            unlink(path)
        }
        let sink = StandardErrorSink(fileDescriptor: fd)
        let filler = String(repeating: "y", count: 5_000)  // longer lines than one small write
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<50 { sink.write(line: "task=\(task) line=\(index) fill=\(filler) end") }
                }
            }
        }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 8 * 50 + 1)
        #expect(lines.last == "")
        let whole = lines.dropLast().filter { $0.hasPrefix("task=") && $0.hasSuffix(" fill=\(filler) end") }
        #expect(whole.count == 8 * 50)
        #expect(Set(whole).count == 8 * 50)
    }
}
