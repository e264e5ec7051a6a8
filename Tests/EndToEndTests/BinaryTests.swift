import Testing

struct BinaryTests {
    @Test func placeholder() { #expect(Bool(true)) }
}
