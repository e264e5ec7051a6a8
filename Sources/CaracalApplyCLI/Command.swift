/// One subcommand of `caracal-apply`: its name, help texts, the options it takes, and what it does.
///
/// Help and usage lines are generated from these properties. To add a command, write a type
/// conforming to `Command` and add an instance to `CLI.defaultCommands`.
public protocol Command: Sendable {
    /// The word that selects the command (`validate`).
    var name: String { get }
    /// One line for the command list and the help's OVERVIEW.
    var abstract: String { get }
    /// Paragraphs for the command's help, already wrapped at 80 columns; empty for none.
    var discussion: String { get }
    /// The common options the command takes, in the order help lists them.
    var globalOptions: [GlobalOption] { get }
    /// The formats `--format` accepts, default first; empty when the command has no `--format`.
    var formats: [OutputFormat] { get }
    /// The command's own options (beyond the common ones), listed before them in help.
    var options: [OptionDeclaration] { get }
    /// The positional arguments, in order.
    var arguments: [ArgumentDeclaration] { get }

    /// Does the work.
    ///
    /// - Returns: The exit status.
    /// - Throws: `CommandFailure.usage` for a command-line mistake found late (printed with usage, exit 64),
    ///   or `CommandFailure.failed` for an operational error (printed as `Error: …`).
    func run(_ context: CommandContext) async throws(CommandFailure) -> ExitCode
}

extension Command {
    /// No discussion.
    public var discussion: String { "" }
    /// No common options.
    public var globalOptions: [GlobalOption] { [] }
    /// No `--format`.
    public var formats: [OutputFormat] { [] }
    /// No options of its own.
    public var options: [OptionDeclaration] { [] }
    /// No positional arguments.
    public var arguments: [ArgumentDeclaration] { [] }

    /// Every option the command accepts, in help order: its own, the common ones, then `-h/--help`.
    public var allOptions: [OptionDeclaration] {
        let common = globalOptions.flatMap { option in
            // `--format` exists only for commands that declare formats.
            option == .format && formats.isEmpty ? [] : option.declarations(formats: formats)
        }
        return options + common + [.help]
    }

    /// The usage line after `caracal-apply`: `validate [-f PATH]... [--format text|json]`.
    public var usage: String { usageFragments.joined(separator: " ") }

    /// The pieces of the usage line, each kept whole when help wraps it.
    var usageFragments: [String] {
        [name] + allOptions.filter { $0 != .help }.map(\.usageFragment) + arguments.map(\.usageFragment)
    }
}
