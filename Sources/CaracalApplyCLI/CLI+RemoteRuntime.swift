import CaracalRuntime
import Foundation

/// Opens a remote runtime from its Admin API base URL and the admin token from
/// `$CARACAL_ADMIN_TOKEN` (`nil` when unset or empty).
public typealias RemoteRuntimeFactory = @Sendable (URL, String?) -> any Runtime

extension CLI {
    /// Whether this invocation would talk to a remote runtime (`--runtime URL`, or
    /// `$CARACAL_API_URL` for a command that takes `--runtime`).
    ///
    /// Resolves the runtime exactly as ``run(arguments:environment:io:remote:)`` does. Help
    /// requests, unknown commands and malformed command lines answer `false`, so that `run`
    /// reports them.
    public static func targetsRemoteRuntime(arguments: [String], environment: [String: String]) -> Bool {
        let cli = CLI()
        guard let name = arguments.first, !CommandLineParser.requestsHelp(arguments),
              let command = HelpFormatter(commands: cli.commands).command(named: name),
              let global = try? cli.parse(Array(arguments.dropFirst()), for: command, environment: environment).1
        else { return false }
        if case .remote = global.runtime { return true }
        return false
    }

    /// Replaces this process with `caracal-apply-remote` from this executable's folder, which
    /// runs the same arguments with the same environment and standard streams.
    ///
    /// Returns only when that fails, after writing why to standard error.
    ///
    /// - Returns: The exit status to end with: 1, as for any runtime that cannot be reached.
    public static func runRemoteCompanion(arguments: [String], environment: [String: String], io: TerminalIO) -> Int32 {
        let companion = RemoteCompanion.besideThisExecutable()
        let problem = companion.exec(arguments: arguments)
        writeFailure(remoteRuntimeUnavailableMessage(problem), color: errorColor(arguments: arguments, environment: environment, io: io), io: io)
        return ExitCode.failure.rawValue
    }

    /// The sentence for a remote runtime this program cannot open.
    ///
    /// - Parameter problem: Completes "…, but …": what is wrong with the companion binary.
    static func remoteRuntimeUnavailableMessage(_ problem: String = "this program has no HTTP client of its own") -> String {
        "Remote runtimes (--runtime URL or $CARACAL_API_URL) need the companion binary '\(RemoteCompanion.name)' beside '\(HelpFormatter.toolName)', "
            + "but \(problem); build it with 'swift build --product \(RemoteCompanion.name)'."
    }
}
