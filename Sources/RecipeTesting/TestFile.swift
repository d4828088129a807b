import Foundation
import RecipeModel

/// A test case file on disk: `recipes/<folder>/tests/<name>.json`.
public struct TestFile: Sendable, Hashable {
    public var url: URL
    /// The path as messages show it.
    public var display: String
    /// The bundle folder the file tests.
    public var folder: String

    public init(url: URL, display: String, folder: String) {
        self.url = url
        self.display = display
        self.folder = folder
    }

    /// Every test file of `folders` (all folders under `recipes/` when `nil`), sorted by path.
    /// Only `*.json` directly in each folder's `tests/` directory is a test case.
    public static func all(root: URL, displayRoot: String, folders: [String]? = nil) -> [TestFile] {
        let recipes = root.appendingPathComponent("recipes")
        let names = folders ?? ((try? FileManager.default.contentsOfDirectory(atPath: recipes.path)) ?? []).filter { !$0.hasPrefix(".") }
        var files: [TestFile] = []
        for folder in names {
            let tests = recipes.appendingPathComponent(folder).appendingPathComponent("tests")
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: tests.path)) ?? []
            for name in entries where name.hasSuffix(".json") && !name.hasPrefix(".") {
                files.append(
                    TestFile(
                        url: tests.appendingPathComponent(name),
                        display: DisplayPath.join(displayRoot, "recipes/\(folder)/tests/\(name)"), folder: folder))
            }
        }
        return files.sorted { $0.display < $1.display }
    }

    /// The file at `url` when it is a test case of the project at `root`
    /// (`<root>/recipes/<folder>/tests/<name>.json`).
    public static func at(_ url: URL, root: URL, displayRoot: String) -> TestFile? {
        let path = url.standardizedFileURL.path
        let prefix = root.standardizedFileURL.path + "/recipes/"
        guard path.hasPrefix(prefix), path.hasSuffix(".json") else { return nil }
        let parts = path.dropFirst(prefix.count).split(separator: "/").map(String.init)
        guard parts.count == 3, parts[1] == "tests" else { return nil }
        return TestFile(url: url, display: DisplayPath.join(displayRoot, "recipes/" + parts.joined(separator: "/")), folder: parts[0])
    }
}
