extension StepPath {
    /// Reads back `description` (`capture-update#retrieve > retrieve-employee#fetch[3]`), as the
    /// store keeps it; nil when the text is not a path. Step ids and recipe names hold no `#`,
    /// `[` or ` > ` (the checker's naming rules), so the split is unambiguous.
    public init?(parsing text: String) {
        var segments: [Segment] = []
        for part in text.components(separatedBy: " > ") {
            guard let mark = part.lastIndex(of: "#") else { return nil }
            let recipe = String(part[..<mark])
            var rest = part[part.index(after: mark)...]
            var iterations: [Int] = []
            while rest.hasSuffix("]"), let open = rest.lastIndex(of: "[") {
                guard let index = Int(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]), index >= 0 else {
                    return nil
                }
                iterations.insert(index, at: 0)
                rest = rest[..<open]
            }
            guard !recipe.isEmpty, !rest.isEmpty, !rest.contains("[") else { return nil }
            segments.append(Segment(recipe: recipe, step: String(rest), iterations: iterations))
        }
        self.init(segments)
    }
}
