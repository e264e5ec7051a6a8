/// Why a command's `run` stopped early.
public enum CommandFailure: Error, Sendable, Hashable {
    /// A command-line mistake found while running; printed with the usage lines, exit 64.
    case usage(UsageError)
    /// An operational error: `message` is printed as `Error: message` and the process exits with `exitCode`.
    case failed(message: String, exitCode: ExitCode)

    /// An operational failure with exit status 1.
    public static func failed(_ message: String) -> CommandFailure {
        .failed(message: message, exitCode: .failure)
    }
}
