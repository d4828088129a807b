// Helpers of the scheduler tests: readable instants, stores per backend, projects of schedule
// recipes written into a temporary directory.
import Foundation
import RecipeEngine
import RecipeModel
import RecipeStore
import RecipeStoreSQLite
import RecipeTestSupport
import Testing

/// `"2026-12-02 07:00"` or `"2026-12-02 07:00:30.500"` (UTC) as ms since 1970.
func utc(_ text: String) -> Int64 {
    var iso = text.replacingOccurrences(of: " ", with: "T")
    if iso.count == 16 { iso += ":00" }
    if iso.count == 19 { iso += ".000" }
    guard let date = Timestamp.date(iso8601: iso + "Z") else { fatalError("bad test time \(text)") }
    return Int64((date.timeIntervalSince1970 * 1000).rounded())
}

/// A backend the scheduler runs over.
enum ScheduleBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memory
    case sqlite

    var testDescription: String { rawValue }

    func make() throws -> ScheduleStoreFixture { try ScheduleStoreFixture(self) }
}

/// A store in a fresh temporary directory (removed on deinit). `reopen()` gives another
/// connection to the same database, as a restarted or second process has: a new SQLite
/// connection to the same file, or the same in-memory store.
final class ScheduleStoreFixture: @unchecked Sendable {
    // @unchecked: every field is immutable after init.
    let backend: ScheduleBackend
    let directory: URL
    let store: any RecipeStore

    init(_ backend: ScheduleBackend) throws {
        self.backend = backend
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("recipe-sched-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try Self.open(backend, directory)
    }

    func reopen() throws -> any RecipeStore {
        backend == .memory ? store : try Self.open(backend, directory)
    }

    private static func open(_ backend: ScheduleBackend, _ directory: URL) throws -> any RecipeStore {
        switch backend {
        case .memory: InMemoryStore()
        case .sqlite: try SQLiteStore(path: directory.appendingPathComponent("store.sqlite").path)
        }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

/// A project of schedule recipes under `recipes/jobs/`, loaded from a temporary directory.
struct ScheduleProject {
    let fixture: ProjectFixture
    let project: Project

    /// `recipes` maps a recipe name to its schedule trigger's JSON body, e.g.
    /// `["daily": #"{"cron": "0 7 * * *"}"#]`.
    init(_ recipes: [String: String]) throws {
        var files: [String: String] = [:]
        for (name, schedule) in recipes {
            files["recipes/jobs/\(name).json"] = #"{"name": "\#(name)", "trigger": {"schedule": \#(schedule)}, "steps": []}"#
        }
        files["recipes/jobs/hook.json"] =
            #"{"name": "hook", "trigger": {"webhook": {"connection": "hibob", "events": ["employee.updated"]}}, "steps": []}"#
        fixture = try ProjectFixture(files)
        project = fixture.load()
    }

    func recipe(_ name: String) -> Recipe? { project.recipes[RecipeID(folder: "jobs", name: name)] }
}

extension RecipeStore {
    /// Starts (or restarts) a recipe at `at`, pinning `hash`.
    func start(_ recipe: String, at: Int64, hash: String? = "sha256:pinned") async throws {
        try await setLifecycle(RecipeLifecycle(recipe: recipe, state: .started, pinnedContentHash: hash, changedAt: at))
    }

    func stop(_ recipe: String, at: Int64) async throws {
        try await setLifecycle(RecipeLifecycle(recipe: recipe, state: .stopped, pinnedContentHash: nil, changedAt: at))
    }

    /// Every job of `recipe`, oldest first.
    func allJobs(_ recipe: String) async throws -> [StoredJob] {
        try await jobs(JobFilter(recipe: recipe, limit: 10_000)).reversed()
    }

    /// The `scheduledAt` and `reason` of every job of `recipe`, oldest first.
    func runs(_ recipe: String) async throws -> [String] {
        try await allJobs(recipe).map { job in
            "\(job.job.trigger["scheduledAt"]?.stringValue ?? "?") \(job.job.trigger["reason"]?.stringValue ?? "?")"
        }
    }
}
