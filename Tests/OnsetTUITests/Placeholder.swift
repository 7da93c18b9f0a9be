import Testing

@Test func placeholder_OnsetTUITests() { #expect(1 + 1 == 2) }
