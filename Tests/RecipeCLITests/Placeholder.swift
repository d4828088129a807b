import Testing

@Test func placeholder_RecipeCLITests() {}
