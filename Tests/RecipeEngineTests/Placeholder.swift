import Testing

@Test func placeholder_RecipeEngineTests() {}
