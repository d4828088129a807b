import Testing

@Test func placeholder_RecipeDataTests() {}
