import Testing

@Test func placeholder_RecipeExpressionsTests() {}
