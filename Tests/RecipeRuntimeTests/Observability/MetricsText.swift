import RecipeRuntime

/// The render of `registry` without the registry's own folded-series family, for goldens of
/// one family.
func renderWithoutFolded(_ registry: MetricsRegistry) -> String {
    registry.render().split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !$0.contains(MetricsRegistry.foldedSeriesFamily) }
        .joined(separator: "\n")
}
