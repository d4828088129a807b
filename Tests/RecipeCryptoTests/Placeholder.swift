import Testing

@Test func placeholder_RecipeCryptoTests() {}
