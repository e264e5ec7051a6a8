import Foundation
import Testing

/// `caracal-apply` leaves the HTTP client out and hands remote-runtime invocations to
/// `caracal-apply-remote` beside it, which replaces the process.
@Suite struct RemoteCompanionTests {
    static let environment = ["PIPERNET_API_KEY": "companion-e2e-pipernet-key"]

    @Test func aRemoteCommandThroughCaracalApplyIsTheCompanionsRun() async throws {
        let workspace = try Workspace.quickstart("companion")
        defer { workspace.remove() }
        let serve = try ServeProcess.start(in: workspace)
        let companion = try Binary.executable("caracal-apply-remote")
        do {
            let invocations: [(arguments: [String], environment: [String: String], status: Int32)] = [
                (["plan", "--detailed-exitcode", "--runtime", serve.url], serve.environment(Self.environment), 2),
                (["drift", "--format", "json"], serve.environment(Self.environment.merging(["CARACAL_API_URL": serve.url]) { $1 }), 2),
                (["plan", "--runtime", serve.url], serve.environment(Self.environment), 0),
                (["serve", "--runtime", serve.url], [:], 64),
                (["plan", "--runtime", "http://127.0.0.1:9/"], Self.environment, 1),
            ]
            for invocation in invocations {
                let direct = try await Binary.runAsync(invocation.arguments, in: workspace.url, environment: invocation.environment, executable: companion)
                let handedOn = try await Binary.runAsync(invocation.arguments, in: workspace.url, environment: invocation.environment)
                #expect(direct.status == invocation.status && !direct.signaled, "\(direct)")
                #expect(handedOn.status == direct.status && handedOn.signaled == direct.signaled, "\(handedOn)")
                #expect(handedOn.stdout == direct.stdout, "\(handedOn)")
                #expect(handedOn.stderr == direct.stderr, "\(handedOn)")
            }
        } catch {
            _ = try? await serve.stop()
            throw error
        }
        let stopped = try await serve.stop()
        #expect(stopped.status == 0, "\(stopped)")
    }

    @Test func withoutTheCompanionARemoteCommandSaysHowToBuildIt() async throws {
        let workspace = try Workspace.quickstart("alone")
        defer { workspace.remove() }
        let folder = workspace.file("bin")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let alone = folder.appendingPathComponent("caracal-apply")
        try FileManager.default.copyItem(at: try Binary.executable(), to: alone)

        let result = try await Binary.runAsync(["plan", "--runtime", "http://127.0.0.1:9/"], in: workspace.url, environment: Self.environment, executable: alone)
        let missing = folder.resolvingSymlinksInPath().appendingPathComponent("caracal-apply-remote").path
        #expect(result.status == 1 && !result.signaled, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr == """
            Error: Remote runtimes (--runtime URL or $CARACAL_API_URL) need the companion binary 'caracal-apply-remote' \
            beside 'caracal-apply', but '\(missing)' does not exist; \
            build it with 'swift build --product caracal-apply-remote'.

            """, "\(result)")

        // Commands that need no runtime, or the embedded one, run without it.
        let validated = try await Binary.runAsync(["validate"], in: workspace.url, environment: Self.environment.merging(["CARACAL_API_URL": "http://127.0.0.1:9/"]) { $1 }, executable: alone)
        #expect(validated.status == 0, "\(validated)")
        let planned = try await Binary.runAsync(["plan", "--runtime", "embedded", "--detailed-exitcode"], in: workspace.url, environment: Self.environment, executable: alone)
        #expect(planned.status == 2, "\(planned)")
    }
}
