import Testing

@Test func placeholder_RecipeModelTests() {}
