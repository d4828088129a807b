import Testing

@Test func placeholder_RecipeConnectorsTests() {}
