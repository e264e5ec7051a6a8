/// Everything a running command may use: its parsed arguments, the common options, the process
/// environment and I/O, and colour decisions for each stream.
public struct CommandContext: Sendable {
    /// The command's own parsed arguments (options by long name, flags, positionals).
    public let arguments: ParsedArguments
    /// The common options.
    public let global: GlobalOptions
    /// The process environment.
    public let environment: [String: String]
    /// Standard output, error and input.
    public let io: TerminalIO
    /// The directory relative paths are resolved against.
    public let currentDirectory: String
    /// Colours standard output (off unless it is a terminal and colour is allowed).
    public let stdoutColor: Colorizer
    /// Colours standard error (off unless it is a terminal and colour is allowed).
    public let stderrColor: Colorizer
    /// Renders help for any command, for `help COMMAND`.
    public let help: HelpFormatter
    /// Opens a remote runtime; `nil` when this program cannot reach one.
    public let remoteRuntime: RemoteRuntimeFactory?

    /// Creates a context; `CLI.run` does this for each invocation.
    public init(
        arguments: ParsedArguments, global: GlobalOptions, environment: [String: String], io: TerminalIO,
        currentDirectory: String, help: HelpFormatter, remoteRuntime: RemoteRuntimeFactory? = nil
    ) {
        self.arguments = arguments
        self.global = global
        self.environment = environment
        self.io = io
        self.currentDirectory = currentDirectory
        self.help = help
        self.remoteRuntime = remoteRuntime
        stdoutColor = Colorizer(isTerminal: io.stdoutIsTerminal, noColorFlag: global.noColor, environment: environment)
        stderrColor = Colorizer(isTerminal: io.stderrIsTerminal, noColorFlag: global.noColor, environment: environment)
    }

    /// The Admin API token from `$CARACAL_ADMIN_TOKEN`, its only source; `nil` when unset or empty.
    public var adminToken: String? {
        guard let token = environment["CARACAL_ADMIN_TOKEN"], !token.isEmpty else { return nil }
        return token
    }

    /// `path` as the file system sees it: relative paths start from ``currentDirectory``.
    public func absolutePath(_ path: String) -> String {
        ManifestPaths.absolute(path, in: currentDirectory)
    }

    /// Writes a line (a newline is added) to standard output.
    public func printOut(_ line: String) { io.writeOut(line + "\n") }

    /// Writes a line (a newline is added) to standard error.
    public func printErr(_ line: String) { io.writeErr(line + "\n") }
}
