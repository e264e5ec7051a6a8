import Testing
@testable import CaracalApplyCLI

struct CLITests {
    @Test func printsVersion() {
        #expect(CLI.run(arguments: ["--version"], environment: [:], io: TerminalIO(writeOut: { _ in }, writeErr: { _ in })) == 0)
    }
}
