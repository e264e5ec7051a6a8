import CaracalRuntimeEmbedded
import CaracalRuntimeRemote
import CaracalServe
import Foundation
import HTTPServer
import Manifest
import Planner

/// Times plans through `serve` on loopback — the Admin API client, HTTP, and the embedded
/// runtime behind the router — and counts the HTTP requests they send (SPEC §9, issue 5).
struct ServeBenchmark {
    let desired: DesiredState

    /// `serve_plan_*` against an empty runtime and `serve_noop_plan_*` against `appliedState`
    /// (a state directory the manifests were applied to).
    func run(appliedState: String, emptyState: String) async throws -> [String: Double] {
        var figures: [String: Double] = [:]
        for (prefix, directory) in [("serve_plan", emptyState), ("serve_noop_plan", appliedState)] {
            let (seconds, requests, hasChanges) = try await plan(through: directory)
            if prefix == "serve_noop_plan", hasChanges { throw BenchmarkError("the plan through serve after apply is not empty") }
            figures[prefix + "_seconds"] = seconds
            figures[prefix + "_requests"] = Double(requests)
        }
        return figures
    }

    private func plan(through directory: String) async throws -> (seconds: Double, requests: Int, hasChanges: Bool) {
        let token = "cat_benchmark"
        let runtime = try EmbeddedRuntime.open(directory: directory)
        let router = AdminAPIRouter(runtime: runtime, globalToken: token)
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        let server = HTTPServer(configuration: configuration) { await router.respond(to: $0) }
        let port = try server.start()
        let remote = RemoteRuntime(client: AdminAPIClient(baseURL: URL(string: "http://127.0.0.1:\(port)")!, token: token))
        var plan: Plan?
        let duration = try await ContinuousClock().measure {
            plan = try await PlanBuilder(desired: desired).plan(against: remote).plan
        }
        await server.shutdown()
        try await runtime.close()
        return (ApplyBenchmark.seconds(duration), remote.client.requestCount, plan?.hasChanges ?? true)
    }
}
