/// Paths as messages show them: joined with `/`, `.` and `..` resolved textually, so a
/// trigger file named `../samples/x.json` in `recipes/b/tests/c.json` shows as
/// `recipes/b/samples/x.json`.
enum DisplayPath {
    static func join(_ base: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return normalized(relative) }
        if base.isEmpty || base == "." { return normalized(relative) }
        return normalized(base + "/" + relative)
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if path.hasPrefix("/") { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
