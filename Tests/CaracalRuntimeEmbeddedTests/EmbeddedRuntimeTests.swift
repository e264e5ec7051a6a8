import Testing
@testable import CaracalRuntimeEmbedded

struct EmbeddedRuntimeTests {
    @Test func evaluatesTheCurrentSchema() {
        #expect(EmbeddedRuntime.schemaVersion == "2026-05-20")
    }
}
