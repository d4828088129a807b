import Foundation
import RecipeData
import RecipeEngine
import RecipeModel
import Synchronization

/// Runs the test cases of a project (`recipes test`): each case's recipe runs in memory with
/// its mocks as the connectors, a clock that skips retry waits, and an e-mail recorder, then
/// its expectations are checked against what the job did.
public struct TestRunner: Sendable {
    public var project: Project
    /// How the project root is written in messages (`"."` for paths relative to it).
    public var displayRoot: String

    public init(project: Project, displayRoot: String = ".") {
        self.project = project
        self.displayRoot = displayRoot
    }

    /// Runs every file, in order; with `recipe`, only the cases of that recipe (and every
    /// file too broken to say which recipe it tests).
    public func run(_ files: [TestFile], only recipe: RecipeID? = nil) async -> TestReport {
        var results: [TestCaseResult] = []
        for file in files {
            if let result = await run(file, only: recipe) { results.append(result) }
        }
        return TestReport(cases: results)
    }

    /// Reads, checks and runs one test case file; `nil` when it tests another recipe than `only`.
    public func run(_ file: TestFile, only recipe: RecipeID? = nil) async -> TestCaseResult? {
        let sink = DiagnosticSink()
        guard let testCase = load(file, sink: sink) else {
            return TestCaseResult(file: file.display, outcome: .broken, diagnostics: sink.diagnostics.sortedByLocation())
        }
        if let recipe, testCase.recipe != recipe { return nil }
        let observation = await observe(testCase)
        let mismatches = testCase.expect.mismatches(in: observation)
        return TestCaseResult(
            file: file.display, recipe: testCase.recipe.description, description: testCase.description,
            outcome: mismatches.isEmpty ? .passed : .failed, mismatches: mismatches, observation: observation)
    }

    func load(_ file: TestFile, sink: DiagnosticSink) -> TestCase? {
        guard let data = FileManager.default.contents(atPath: file.url.path) else {
            sink.error("cannot read the file", at: .file(file.display))
            return nil
        }
        let source = SourceFile(path: file.display, bytes: Array(data))
        let root: JSONNode
        do {
            root = try JSONParser.parseNode(source)
        } catch {
            sink.add(error.diagnostic)
            return nil
        }
        let decoder = TestCaseDecoder(
            file: source, project: project, folder: file.folder, directory: file.url.deletingLastPathComponent(), sink: sink)
        return decoder.decode(root)
    }

    /// Runs the case's job and records what it did.
    func observe(_ testCase: TestCase) async -> TestObservation {
        let log = ActionLog()
        let mail = MailRecorder()
        var connectors = ConnectorRegistry()
        // The decoder checked the mocks with this same call, so it does not fail here.
        for (name, scripted) in (try? ScriptedConnector.registry(fromMocks: testCase.mocks)) ?? [:] {
            connectors[name] = LoggingConnector(base: scripted, log: log)
        }
        var project = project
        if !testCase.tables.isEmpty {
            project.tables = LookupTableSet(project.tables.names.compactMap { project.tables[$0] } + testCase.tables)
        }
        var interpreter = Interpreter(project: project, connectors: connectors, notifier: mail, clock: InstantClock(start: testCase.now))
        let sequence = Mutex(0)
        interpreter.makeJobID = {
            let number = sequence.withLock { value in
                value += 1
                return value
            }
            return "test-job-\(number)"
        }
        interpreter.jitter = { $0 }
        let record = await interpreter.run(testCase.recipe, trigger: testCase.trigger)
        return TestObservation(record: record, actions: log.calls, mails: mail.mails)
    }
}
