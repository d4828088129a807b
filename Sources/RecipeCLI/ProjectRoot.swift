import Foundation

/// Finds the project a path belongs to: the path itself when it holds `recipes/`, otherwise
/// the nearest parent that does (so `recipes validate recipes/hibob-docebo` works).
enum ProjectRoot {
    static func find(from target: URL, display: String) -> (URL, String)? {
        var candidate = target
        var hops = 0
        while true {
            var isDirectory: ObjCBool = false
            let recipes = candidate.appendingPathComponent("recipes")
            if FileManager.default.fileExists(atPath: recipes.path, isDirectory: &isDirectory), isDirectory.boolValue {
                let rootDisplay = hops == 0 ? display : relativeDisplay(display, up: hops)
                return (candidate, rootDisplay)
            }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path { return nil }
            candidate = parent
            hops += 1
        }
    }

    /// `recipes/hibob-docebo` up 2 → `.`; `proj/recipes/x` up 2 → `proj`.
    private static func relativeDisplay(_ display: String, up hops: Int) -> String {
        var parts = display.split(separator: "/").map(String.init)
        if parts.count >= hops {
            parts.removeLast(hops)
            return parts.isEmpty ? "." : parts.joined(separator: "/")
        }
        return display
    }

    /// The display-path prefix of the files to report when validating part of a project.
    static func displayScope(target: URL, root: URL, rootDisplay: String) -> String? {
        guard target.path != root.path else { return nil }
        let relative = String(target.path.dropFirst(root.path.count + 1))
        return rootDisplay == "." ? relative : rootDisplay + "/" + relative
    }
}
