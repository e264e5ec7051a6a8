import CaracalApplyCLI
import Foundation

/// The observable result of one in-process run of the command line.
struct Invocation {
    let status: Int32
    let stdout: String
    let stderr: String

    /// Runs `arguments` through `cli` with a capturing terminal.
    init(
        _ arguments: [String], cli: CLI = CLI(), environment: [String: String] = [:],
        terminal: Bool = false, currentDirectory: String? = nil
    ) async {
        var cli = cli
        if let currentDirectory { cli.currentDirectory = currentDirectory }
        let (io, output) = TerminalIO.capturing(terminal: terminal)
        status = await cli.run(arguments: arguments, environment: environment, io: io)
        stdout = output.stdout
        stderr = output.stderr
    }

    /// The lines of standard error, without the final empty one.
    var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
}
