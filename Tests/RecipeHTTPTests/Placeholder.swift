import Testing

@Test func placeholder_RecipeHTTPTests() {}
