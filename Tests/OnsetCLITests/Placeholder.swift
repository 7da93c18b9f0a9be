import Testing

@Test func placeholder_OnsetCLITests() { #expect(1 + 1 == 2) }
