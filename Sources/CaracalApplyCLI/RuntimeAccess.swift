import CaracalRuntime
import CaracalRuntimeEmbedded
import Foundation

/// Opens the runtime a command was pointed at (`--runtime`, `$CARACAL_API_URL`, or the
/// embedded runtime in `./.caracal`).
struct RuntimeAccess {
    let context: CommandContext

    /// Opens the runtime; `forWriting` takes the embedded runtime's lock.
    ///
    /// - Throws: exit 1 with the runtime's own message (a lock held by another process, a
    ///   state file that cannot be read).
    func open(forWriting: Bool, lockTimeout: Double? = nil) throws(CommandFailure) -> OpenRuntime {
        switch context.global.runtime {
        case .embedded(let directory):
            let path = context.absolutePath(directory)
            let options = EmbeddedRuntime.Options(readOnly: !forWriting, lockTimeout: lockTimeout, command: "caracal-apply \(commandName)")
            do {
                return OpenRuntime(try EmbeddedRuntime.open(directory: path, options: options), context: context)
            } catch {
                throw .failed(message: error.message, exitCode: .failure)
            }
        case .remote(let url):
            throw .failed(message: "This build of caracal-apply cannot reach a remote Caracal runtime yet (\(url.absoluteString)); use the embedded runtime with --runtime embedded[:DIR].", exitCode: .failure)
        }
    }

    private var commandName: String {
        CommandLine.arguments.dropFirst().first ?? "caracal-apply"
    }
}

/// A runtime opened for one command, closed when the command is done.
struct OpenRuntime: Sendable {
    let embedded: EmbeddedRuntime
    /// What commands talk to: the runtime, traced on standard error with `--verbose`.
    let runtime: any Runtime

    init(_ embedded: EmbeddedRuntime, context: CommandContext) {
        self.embedded = embedded
        if context.global.verbose {
            let io = context.io
            runtime = TracingRuntime(base: embedded, log: { io.writeErr($0 + "\n") })
        } else {
            runtime = embedded
        }
    }

    /// Folds the embedded runtime's journal into its snapshot and releases its lock.
    func close() async throws(CommandFailure) {
        do {
            try await embedded.close()
        } catch {
            throw .failed(message: error.message, exitCode: .failure)
        }
    }
}
