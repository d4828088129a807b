import Foundation

/// A file of expected output kept in the repository. A check compares the actual text with
/// it; a recording run (`RECORD_FIXTURES` set) rewrites it instead and never passes, so
/// recording cannot be mistaken for a green check: review the diff, then run again without it.
public struct GoldenFile: Sendable {
    /// What a check found.
    public enum Outcome: Sendable, Equatable {
        case matches
        case differs(expected: String)
        /// The file was (re)written with the actual text; `changed` when it differed before.
        case recorded(changed: Bool)
    }

    public let url: URL

    public init(_ url: URL) { self.url = url }

    /// Whether this test process records golden files (the `RECORD_FIXTURES` variable is set).
    public static var recordingRequested: Bool { ProcessInfo.processInfo.environment["RECORD_FIXTURES"] != nil }

    /// Compares `actual` with the file, or records it when `recording`.
    public func check(_ actual: String, recording: Bool = GoldenFile.recordingRequested) throws -> Outcome {
        let existing = try? String(contentsOf: url, encoding: .utf8)
        if recording {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return .recorded(changed: existing != actual)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        return expected == actual ? .matches : .differs(expected: expected)
    }
}
