import Foundation
import RecipeModel

/// A project directory written into a fresh temporary folder from a dictionary of relative
/// paths and contents; removed when the fixture is released.
public final class ProjectFixture: @unchecked Sendable {
    // @unchecked: the fields are immutable after init; the directory is owned by this object.
    public let root: URL

    public init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("recipes-fixture-\(UUID().uuidString)")
        for (path, contents) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("recipes"), withIntermediateDirectories: true)
    }

    /// The project, loaded and checked.
    public func load() -> Project { ProjectLoader.load(root: root) }

    deinit { try? FileManager.default.removeItem(at: root) }
}

/// The package root, found from this file's path, for tests that read `Tests/Fixtures` or run
/// the built binary.
public enum PackagePaths {
    public static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    public static var fixtures: URL { root.appendingPathComponent("Tests/Fixtures") }
}
