/// `caracal-apply help [COMMAND]`: the tool's help, or one command's.
public struct HelpCommand: Command {
    /// Creates the command.
    public init() {}

    /// `help`.
    public var name: String { "help" }
    /// One line for the command list.
    public var abstract: String { "Show help for a command." }
    /// The optional command name.
    public var arguments: [ArgumentDeclaration] {
        [ArgumentDeclaration("COMMAND", optional: true, help: "The command to show help for.")]
    }

    /// Prints the requested help to standard output.
    public func run(_ context: CommandContext) async throws(CommandFailure) -> ExitCode {
        guard let name = context.arguments.positionals.first else {
            context.io.writeOut(context.help.topLevelHelp)
            return .success
        }
        guard let command = context.help.command(named: name) else {
            throw .usage(.unknownCommand(name, suggestion: context.help.suggestion(forCommand: name)))
        }
        context.io.writeOut(context.help.help(for: command))
        return .success
    }
}
