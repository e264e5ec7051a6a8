@testable import CaracalApplyCLI
import CaracalRuntime
import CaracalRuntimeEmbedded
import Foundation
import Synchronization
import Testing

/// Which invocations need a remote runtime, and how `CLI.run` opens one through the factory it is given.
struct RemoteRuntimeRoutingTests {
    static let url = "http://127.0.0.1:9/"

    @Test(arguments: [
        (["plan", "--runtime", url], [:], true),
        (["drift", "--runtime=https://caracal.example.com"], [:], true),
        (["plan"], ["CARACAL_API_URL": url], true),
        (["apply", "plan.json"], ["CARACAL_API_URL": url], true),
        (["plan", "--runtime", "embedded"], ["CARACAL_API_URL": url], false),
        (["plan"], [:], false),
        (["plan", "--runtime", "embedded:state"], [:], false),
        (["decide", "--policy-file", "p.rego", "--input", "in.jsonl", "--format", "json"], [:], false),
    ] as [([String], [String: String], Bool)])
    func remoteRuntimeComesFromTheFlagOrTheEnvironment(arguments: [String], environment: [String: String], remote: Bool) {
        #expect(CLI.targetsRemoteRuntime(arguments: arguments, environment: environment) == remote)
    }

    /// What `run` reports itself is never handed on: help, commands without a runtime, usage errors.
    @Test(arguments: [
        ["plan", "--help", "--runtime", url],
        ["help", "plan"],
        ["--version"],
        ["validate"],
        ["plan", "--runtime", "ftp://example.com"],
        ["plan", "--runtime", url, "--no-such-option"],
        ["no-such-command", "--runtime", url],
        [],
    ])
    func invocationsRunReportsItselfStayLocal(arguments: [String]) {
        #expect(!CLI.targetsRemoteRuntime(arguments: arguments, environment: ["CARACAL_API_URL": Self.url]))
    }

    @Test func remoteRuntimeWithoutAFactoryIsAnOperationalFailure() async throws {
        let manifests = try Self.zoneManifests()
        defer { try? FileManager.default.removeItem(at: manifests) }
        let run = await Invocation(["plan", "-f", manifests.path, "--runtime", Self.url])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == """
            Error: Remote runtimes (--runtime URL or $CARACAL_API_URL) need the companion binary 'caracal-apply-remote' \
            beside 'caracal-apply', but this program has no HTTP client of its own; \
            build it with 'swift build --product caracal-apply-remote'.

            """)
    }

    @Test func factoryOpensTheRemoteRuntimeWithTheAdminToken() async throws {
        let manifests = try Self.zoneManifests()
        let state = manifests.appendingPathComponent(".caracal")
        defer { try? FileManager.default.removeItem(at: manifests) }
        let runtime = try EmbeddedRuntime.open(directory: state.path)
        let opened = Mutex<[String]>([])
        let cli = CLI(remoteRuntime: { url, token in
            opened.withLock { $0.append("\(url.absoluteString) \(token ?? "no token")") }
            return runtime
        })
        let run = await Invocation(
            ["plan", "-f", manifests.path, "--detailed-exitcode", "-v"], cli: cli,
            environment: ["CARACAL_API_URL": Self.url, "CARACAL_ADMIN_TOKEN": "secret-token"])
        try await runtime.close()
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stdout.contains("+ create Zone/demo"), "\(run.stdout)")
        // --verbose traces the factory's runtime like any other.
        #expect(run.stderr.contains("runtime: list Zone"), "\(run.stderr)")
        #expect(!run.stderr.contains("secret-token"))
        #expect(opened.withLock { $0 } == ["\(Self.url) secret-token"])
    }

    /// A folder with one zone's manifest.
    static func zoneManifests() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("caracal-remote-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
            apiVersion: caracal-apply/v1
            kind: Zone
            metadata:
              name: demo
            spec:
              name: Demo

            """.write(to: folder.appendingPathComponent("zone.yaml"), atomically: true, encoding: .utf8)
        return folder
    }
}
