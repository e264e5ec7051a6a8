import CaracalRuntimeEmbedded
import CaracalServe
import Dispatch
import Foundation
import HTTPServer

/// `caracal-apply serve`: the embedded runtime behind Caracal's Admin API, for local
/// development and tests (SPEC §8).
public struct ServeCommand: Command {
    public init() {}

    public var name: String { "serve" }
    public var abstract: String { "Serve the embedded runtime over the Admin API." }
    public var discussion: String {
        """
        Puts the embedded runtime behind the same Admin API a Caracal deployment
        has, so that 'caracal-apply --runtime http://…', the Admin SDKs and your
        own scripts can be used against it. Requests need the bearer token from
        --admin-token-file (default DIR/admin-token); when the file does not exist
        a token is generated and written there, readable only by you. Listens on
        loopback only unless --allow-remote is given. Stops on Ctrl-C or SIGTERM
        after answering the requests in flight. --fault-rate makes a share of the
        requests fail (503 before or after a write, dropped connections), to test
        clients.
        """
    }
    public var globalOptions: [GlobalOption] { [.runtime] }
    public var options: [OptionDeclaration] {
        [
            .value("listen", placeholder: "HOST:PORT", help: "Where to listen (default 127.0.0.1:3000; port 0 picks a free one)."),
            .value("admin-token-file", placeholder: "FILE", help: "The admin token's file; created with a new token when missing."),
            .flag("allow-remote", help: "Allow listening on an address other machines can reach."),
            .value("fault-rate", placeholder: "R", help: "Fail this share (0 to 1) of requests, for testing clients."),
            .value("fault-seed", placeholder: "N", help: "Seed for --fault-rate, to repeat a run exactly."),
        ]
    }

    public func run(_ context: CommandContext) async throws(CommandFailure) -> ExitCode {
        let arguments = context.arguments
        let text = arguments.value("listen") ?? "127.0.0.1:3000"
        guard let address = ListenAddress(text) else {
            throw .usage(UsageError("Invalid value '\(text)' for '--listen': give HOST:PORT, such as 127.0.0.1:3000 or [::1]:3000."))
        }
        guard address.isLoopback || arguments.flag("allow-remote") else {
            throw .usage(UsageError("'\(text)' is not a loopback address; serve is for development, so pass --allow-remote to listen on it anyway."))
        }
        let faultRate = try Self.faultRate(arguments.value("fault-rate"))
        // serve always serves an embedded runtime: $CARACAL_API_URL (perhaps pointing at this
        // very server) does not change its default.
        let location = arguments.value("runtime") == nil ? .embedded(directory: RuntimeLocation.defaultEmbeddedDirectory) : context.global.runtime
        guard case .embedded(let directory) = location else {
            throw .usage(UsageError("serve serves the embedded runtime; give --runtime embedded[:DIR], not a URL."))
        }
        let seedText = arguments.value("fault-seed")
        guard seedText.map({ UInt64($0) != nil }) ?? true else {
            throw .usage(UsageError("Invalid value '\(seedText ?? "")' for '--fault-seed': give a whole number."))
        }
        let stateDirectory = URL(fileURLWithPath: context.absolutePath(directory)).standardizedFileURL.path
        let tokenPath = context.absolutePath(arguments.value("admin-token-file") ?? (stateDirectory as NSString).appendingPathComponent("admin-token"))
        let token: (token: String, created: Bool)
        do {
            token = try AdminTokenFile(path: tokenPath).loadOrCreate()
        } catch {
            throw .failed(error.message)
        }
        let runtime: EmbeddedRuntime
        do {
            runtime = try EmbeddedRuntime.open(directory: stateDirectory, options: .init(command: "caracal-apply serve"))
        } catch {
            throw .failed(error.message)
        }
        let router = AdminAPIRouter(runtime: runtime, globalToken: token.token, faultRate: faultRate, faultSeed: seedText.flatMap(UInt64.init) ?? UInt64(UInt32.random(in: 0...UInt32.max)))
        var configuration = HTTPServer.Configuration()
        configuration.host = address.host
        configuration.port = address.port
        let server = HTTPServer(configuration: configuration) { await router.respond(to: $0) }
        let port: UInt16
        do {
            port = try server.start()
        } catch {
            try? await runtime.close()
            throw .failed("Cannot listen on \(text): \(error.description).")
        }
        let signals = Self.shutdown(server, on: [SIGINT, SIGTERM])
        context.io.writeOut("Listening on \(address.url(port: port))\n")
        context.printErr("Serving embedded:\(stateDirectory) over the Admin API. The admin token is in \(tokenPath)\(token.created ? " (new)" : ""); stop with Ctrl-C.")
        if faultRate > 0 { context.printErr("Failing \(Int((faultRate * 100).rounded()))% of requests on purpose (--fault-rate).") }
        await server.waitUntilStopped()
        signals.forEach { $0.cancel() }
        do {
            try await runtime.close()
        } catch {
            throw .failed(error.message)
        }
        context.printErr("Stopped; the state is saved.")
        return .success
    }

    /// Shuts `server` down gracefully on any of `signals`, instead of the default of dying.
    private static func shutdown(_ server: HTTPServer, on signals: [Int32]) -> [any DispatchSourceSignal] {
        signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { Task { await server.shutdown() } }
            source.resume()
            return source
        }
    }

    private static func faultRate(_ text: String?) throws(CommandFailure) -> Double {
        guard let text else { return 0 }
        guard let value = Double(text), (0...1).contains(value) else {
            throw .usage(UsageError("Invalid value '\(text)' for '--fault-rate': give a share from 0 to 1, such as 0.2."))
        }
        return value
    }
}
