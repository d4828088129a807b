import Testing

@Test func placeholder_RecipeSandboxTests() {}
