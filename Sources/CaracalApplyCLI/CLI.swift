import Foundation

/// The command line, as a function tests call directly.
///
/// `CLI.run(arguments:environment:io:)` handles the top level (`--help`, `--version`, `help`,
/// command lookup), parses the command's arguments against its declarations, builds the
/// `GlobalOptions` and runs the command, turning every error into the documented output and exit status.
public struct CLI: Sendable {
    /// The commands, in the order the help lists them.
    public var commands: [any Command]
    /// The directory relative paths resolve against; `nil` means the process's working directory.
    public var currentDirectory: String?
    /// Opens a remote runtime (`--runtime URL`, `$CARACAL_API_URL`); `nil` when this program cannot
    /// reach one, in which case commands that need one fail with exit 1.
    public var remoteRuntime: RemoteRuntimeFactory?

    /// The commands that ship today.
    public static var defaultCommands: [any Command] {
        [ValidateCommand(), PlanCommand(), ApplyCommand(), DriftCommand(), DestroyCommand(), TestCommand(), DecideCommand(), ExplainCommand(), AuditCommand(), ServeCommand(), VersionCommand(), HelpCommand()]
    }

    /// A command line with these commands.
    public init(commands: [any Command] = CLI.defaultCommands, currentDirectory: String? = nil, remoteRuntime: RemoteRuntimeFactory? = nil) {
        self.commands = commands
        self.currentDirectory = currentDirectory
        self.remoteRuntime = remoteRuntime
    }

    /// Runs one invocation with the default commands and returns its exit status.
    ///
    /// - Parameter remote: Opens a remote runtime; without it, commands pointed at one fail with exit 1.
    public static func run(
        arguments: [String], environment: [String: String], io: TerminalIO, remote: RemoteRuntimeFactory? = nil
    ) async -> Int32 {
        await CLI(remoteRuntime: remote).run(arguments: arguments, environment: environment, io: io)
    }

    /// Runs one invocation and returns its exit status.
    ///
    /// - Parameters:
    ///   - arguments: The arguments after the program name.
    ///   - environment: The process environment.
    ///   - io: Where output goes and what is a terminal.
    public func run(arguments: [String], environment: [String: String], io: TerminalIO) async -> Int32 {
        let help = HelpFormatter(commands: commands)
        let errorColor = Self.errorColor(arguments: arguments, environment: environment, io: io)
        let wantsHelp = CommandLineParser.requestsHelp(arguments)

        guard let first = arguments.first else {
            io.writeOut(help.topLevelHelp)
            return ExitCode.success.rawValue
        }
        if CommandLineParser.looksLikeOption(first) {
            if wantsHelp {
                io.writeOut(help.topLevelHelp)
                return ExitCode.success.rawValue
            }
            do throws(UsageError) {
                if let misplaced = misplacedOption(in: arguments, help: help) { throw misplaced }
                let parsed = try CommandLineParser(options: HelpFormatter.topLevelOptions, arguments: []).parse(arguments)
                if parsed.flag("version") { io.writeOut(VersionCommand.versionLine + "\n") }
                return ExitCode.success.rawValue
            } catch {
                io.writeErr(help.usageError(error, command: nil, color: errorColor))
                return ExitCode.usage.rawValue
            }
        }
        guard let command = help.command(named: first) else {
            let error = UsageError.unknownCommand(first, suggestion: help.suggestion(forCommand: first))
            io.writeErr(help.usageError(error, command: nil, color: errorColor))
            return ExitCode.usage.rawValue
        }
        if wantsHelp {
            io.writeOut(help.help(for: command))
            return ExitCode.success.rawValue
        }
        return await run(command, arguments: Array(arguments.dropFirst()), environment: environment, io: io, help: help, errorColor: errorColor)
    }

    /// A usage error for a command's option written before the command (`caracal-apply -v validate`), if that is what happened.
    private func misplacedOption(in arguments: [String], help: HelpFormatter) -> UsageError? {
        guard let command = arguments.lazy.compactMap({ help.command(named: $0) }).first else { return nil }
        // Only the option's name is quoted: its value may be a secret.
        let spelling = CommandLineParser.split(arguments[0]).spelling
        let accepted = command.allOptions.contains { "--\($0.long)" == spelling || $0.short.map { "-\($0)" } == spelling }
        guard accepted else { return nil }
        return UsageError("Options go after the command: write '\(HelpFormatter.toolName) \(command.name) \(spelling) …'.")
    }

    private func run(
        _ command: any Command, arguments: [String], environment: [String: String], io: TerminalIO,
        help: HelpFormatter, errorColor: Colorizer
    ) async -> Int32 {
        let context: CommandContext
        do {
            let (parsed, global) = try parse(arguments, for: command, environment: environment)
            context = CommandContext(
                arguments: parsed, global: global, environment: environment, io: io,
                currentDirectory: currentDirectory ?? FileManager.default.currentDirectoryPath, help: help,
                remoteRuntime: remoteRuntime
            )
        } catch {
            io.writeErr(help.usageError(error, command: command, color: errorColor))
            return ExitCode.usage.rawValue
        }
        do {
            return try await command.run(context).rawValue
        } catch {
            switch error {
            case .usage(let usageError):
                io.writeErr(help.usageError(usageError, command: command, color: context.stderrColor))
                return ExitCode.usage.rawValue
            case .failed(let message, let exitCode):
                Self.writeFailure(message, color: context.stderrColor, io: io)
                return exitCode.rawValue
            }
        }
    }

    /// A command's arguments (after its name), parsed against its declarations, and the common options they give.
    func parse(
        _ arguments: [String], for command: any Command, environment: [String: String]
    ) throws(UsageError) -> (ParsedArguments, GlobalOptions) {
        let parsed = try CommandLineParser(options: command.allOptions, arguments: command.arguments).parse(arguments)
        return (parsed, try GlobalOptions(parsing: parsed, for: command, environment: environment))
    }

    /// Colours `Error:` before the command line is parsed: `--no-color` is honoured wherever it
    /// appears, so even usage errors respect it.
    static func errorColor(arguments: [String], environment: [String: String], io: TerminalIO) -> Colorizer {
        Colorizer(
            isTerminal: io.stderrIsTerminal,
            noColorFlag: arguments.prefix(while: { $0 != "--" }).contains("--no-color"),
            environment: environment
        )
    }

    /// Writes an operational failure as `Error: message`.
    static func writeFailure(_ message: String, color: Colorizer, io: TerminalIO) {
        io.writeErr("\(color.apply(.bold, .red, to: "Error:")) \(message)\n")
    }
}
