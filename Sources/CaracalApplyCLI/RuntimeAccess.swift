import CaracalRuntime
import CaracalRuntimeEmbedded
import Foundation

/// Opens the runtime a command was pointed at (`--runtime`, `$CARACAL_API_URL`, or the
/// embedded runtime in `./.caracal`).
struct RuntimeAccess {
    let context: CommandContext

    /// Opens the runtime; `forWriting` takes the embedded runtime's lock.
    ///
    /// A remote runtime authenticates with `$CARACAL_ADMIN_TOKEN`, which is never printed.
    ///
    /// - Throws: exit 1 with the runtime's own message (a lock held by another process, a
    ///   state file that cannot be read), or when a remote runtime is asked for and no
    ///   ``RemoteRuntimeFactory`` was given.
    func open(forWriting: Bool, lockTimeout: Double? = nil) throws(CommandFailure) -> OpenRuntime {
        switch context.global.runtime {
        case .embedded(let directory):
            let path = context.absolutePath(directory)
            let options = EmbeddedRuntime.Options(readOnly: !forWriting, lockTimeout: lockTimeout, command: "caracal-apply \(commandName)")
            do {
                return OpenRuntime(.embedded(try EmbeddedRuntime.open(directory: path, options: options)), context: context)
            } catch {
                throw .failed(message: error.message, exitCode: .failure)
            }
        case .remote(let url):
            // Only `caracal-apply-remote` links the HTTP client; `caracal-apply` hands such
            // invocations to it before they get here, so this is a wiring mistake, not a user's.
            guard let open = context.remoteRuntime else {
                throw .failed(message: CLI.remoteRuntimeUnavailableMessage(), exitCode: .failure)
            }
            return OpenRuntime(.remote(open(url, context.adminToken)), context: context)
        }
    }

    private var commandName: String {
        CommandLine.arguments.dropFirst().first ?? "caracal-apply"
    }
}

/// A runtime opened for one command, closed when the command is done.
struct OpenRuntime: Sendable {
    /// Which runtime it is.
    enum Base: Sendable {
        case embedded(EmbeddedRuntime)
        case remote(any Runtime)
    }

    let base: Base
    /// What commands talk to: the runtime, traced on standard error with `--verbose`.
    let runtime: any Runtime

    init(_ base: Base, context: CommandContext) {
        self.base = base
        let io = context.io
        let log: @Sendable (String) -> Void = { io.writeErr($0 + "\n") }
        let opened: any Runtime = switch base {
        case .embedded(let embedded): embedded
        case .remote(let remote): remote
        }
        runtime = context.global.verbose ? Self.traced(opened, log: log) : opened
    }

    /// `base` with every call traced; generic so that an existential argument is opened.
    private static func traced(_ base: some Runtime, log: @escaping @Sendable (String) -> Void) -> any Runtime {
        TracingRuntime(base: base, log: log)
    }

    /// The embedded runtime, when that is what was opened.
    var embedded: EmbeddedRuntime? {
        if case .embedded(let embedded) = base { return embedded }
        return nil
    }

    /// Whether the runtime is a Caracal deployment (or `serve`) reached over the Admin API.
    var isRemote: Bool { embedded == nil }

    /// Folds the embedded runtime's journal into its snapshot and releases its lock; nothing
    /// to do for a remote runtime.
    func close() async throws(CommandFailure) {
        guard let embedded else { return }
        do {
            try await embedded.close()
        } catch {
            throw .failed(message: error.message, exitCode: .failure)
        }
    }
}
