import Testing

@Test func placeholder_OnsetCoreTests() { #expect(1 + 1 == 2) }
