import CaracalApplyCLI

/// A command for tests: takes the runtime, format and colour options and runs a given body.
struct ProbeCommand: Command {
    let body: @Sendable (CommandContext) throws(CommandFailure) -> ExitCode

    init(body: @escaping @Sendable (CommandContext) throws(CommandFailure) -> ExitCode = { _ throws(CommandFailure) in .success }) {
        self.body = body
    }

    var name: String { "probe" }
    var abstract: String { "Probe the framework." }
    var globalOptions: [GlobalOption] { [.runtime, .format, .noColor] }
    var formats: [OutputFormat] { [.text, .markdown] }

    func run(_ context: CommandContext) async throws(CommandFailure) -> ExitCode {
        try body(context)
    }
}
