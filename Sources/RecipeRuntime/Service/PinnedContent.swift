// A started recipe runs the content it was started with (issue 8, "Recipe lifecycle"): when
// its file has changed since `recipes start`, `recipes serve` loads the bytes the store kept
// under the pinned hash instead of the file. `recipes status` shows which files changed; a new
// `recipes start` pins the new content.
import Foundation
import RecipeModel
import RecipeStore

/// The pinned contents of the started recipes whose files changed since they were started.
public struct PinnedContent: Sendable {
    /// Recipe bytes to load instead of their files (`ProjectLoader.load(pinned:)`).
    public var overrides: [RecipeID: [UInt8]] = [:]
    /// Started recipes whose file changed but whose pinned content the store does not hold
    /// (pinned by an older version): they run their file as it is now.
    public var unavailable: [String] = []

    public init(overrides: [RecipeID: [UInt8]] = [:], unavailable: [String] = []) {
        self.overrides = overrides
        self.unavailable = unavailable
    }

    /// Compares each started recipe's file under `root` with its pinned hash.
    public static func read(root: URL, store: any RecipeStore) async throws(StoreError) -> PinnedContent {
        var pinned = PinnedContent()
        for row in try await store.lifecycles() where row.state == .started {
            guard let hash = row.pinnedContentHash, let id = RecipeID(qualified: row.recipe) else { continue }
            let file = root.appendingPathComponent("recipes/\(id.folder)/\(id.name).json")
            let current = FileManager.default.contents(atPath: file.path).map { Recipe.contentHash(of: Array($0)) }
            guard current != hash else { continue }
            if let bytes = try await store.recipeContent(hash: hash) {
                pinned.overrides[id] = bytes
            } else {
                pinned.unavailable.append(row.recipe)
            }
        }
        return pinned
    }
}
