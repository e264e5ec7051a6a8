/// `caracal-apply version`: the same line as `--version`, for people used to `terraform version`.
public struct VersionCommand: Command {
    /// Creates the command.
    public init() {}

    /// `version`.
    public var name: String { "version" }
    /// One line for the command list.
    public var abstract: String { "Show the version." }

    /// The line both `version` and `--version` print.
    public static var versionLine: String { "\(HelpFormatter.toolName) \(CaracalApply.version)" }

    /// Prints `caracal-apply <version>`.
    public func run(_ context: CommandContext) async throws(CommandFailure) -> ExitCode {
        context.printOut(Self.versionLine)
        return .success
    }
}
