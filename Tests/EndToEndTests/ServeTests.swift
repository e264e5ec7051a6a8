import Foundation
import Testing

/// The remote path for real: `serve` in one process, the client in another (SPEC §5, §8).
@Suite struct ServeTests {
    static let environment = ["PIPERNET_API_KEY": "serve-e2e-pipernet-key"]
    /// The tests the quickstart's policy set declares.
    static let quickstartTests = 3

    @Test func applyPlanOutOfBandPatchDriftAndConvergeThroughTheAdminAPI() async throws {
        let workspace = try Workspace.quickstart("serve")
        defer { workspace.remove() }
        let serve = try ServeProcess.start(in: workspace)
        var outputs: [String] = []
        do {
            // The token file is readable only by its owner.
            let mode = try FileManager.default.attributesOfItem(atPath: serve.tokenFile.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)

            func run(_ arguments: String...) async throws -> Binary.Result {
                let result = try await Binary.runAsync(Array(arguments) + ["--runtime", serve.url], in: workspace.url, environment: serve.environment(Self.environment))
                outputs += [result.stdout, result.stderr]
                return result
            }
            let applied = try await run("apply", "--auto-approve", "-v")
            #expect(applied.status == 0, "\(applied)")
            #expect(applied.stdout.contains("Apply complete: 7 changed."), "\(applied)")
            // Before activating, every test of the set went through the API's simulate too.
            let simulations = applied.stderr.split(separator: "\n").filter { $0.contains("runtime: simulate PolicySet") && $0.contains("-> ok") }
            #expect(simulations.count == Self.quickstartTests, "\(applied)")
            let settled = try await run("plan", "--detailed-exitcode")
            #expect(settled.status == 0, "\(settled)")

            // Someone changes the resource through the API.
            let zone = try #require(try await serve.items("/v1/zones").first { $0["slug"] as? String == "quickstart" }?["id"] as? String)
            let resource = try #require(try await serve.items("/v1/zones/\(zone)/resources").first?["id"] as? String)
            let patched = try await serve.request("PATCH", "/v1/zones/\(zone)/resources/\(resource)", body: #"{"upstream_url":"https://rogue.pipernet.example"}"#)
            #expect(patched.status == 200)

            let drift = try await run("drift")
            #expect(drift.status == 2, "\(drift)")
            #expect(drift.stdout.contains("Resource/quickstart/pipernet"), "\(drift)")
            #expect(drift.stdout.contains("upstream_url"), "\(drift)")
            #expect(drift.stdout.contains("https://rogue.pipernet.example"), "\(drift)")

            let repaired = try await run("apply", "--auto-approve")
            #expect(repaired.status == 0, "\(repaired)")
            #expect(repaired.stdout.contains("Apply complete: 1 changed."), "\(repaired)")
            let inSync = try await run("drift")
            #expect(inSync.status == 0, "\(inSync)")

            // decide reads the zone's active version through the API.
            let decided = try await run("decide", "--zone", "quickstart", "--application", "reporter", "--labels", "reader",
                                        "--resource", "resource://pipernet", "--scopes", "pipernet:refund", "--explain")
            #expect(decided.status == 0, "\(decided)")
            #expect(decided.stdout.hasPrefix("deny  role_scope_mismatch"), "\(decided)")

            // destroy archives what the manifests declare; the API lists no zone afterwards.
            let destroyed = try await run("destroy", "--auto-approve")
            #expect(destroyed.status == 0, "\(destroyed)")
            #expect(try await serve.items("/v1/zones").isEmpty)

            // A wrong token is refused with a sentence, not a body dump.
            let refused = try await Binary.runAsync(["plan", "--runtime", serve.url], in: workspace.url,
                                                    environment: Self.environment.merging(["CARACAL_ADMIN_TOKEN": "cat_not-the-token"]) { $1 })
            #expect(refused.status == 1, "\(refused)")
            #expect(refused.stderr.contains("set CARACAL_ADMIN_TOKEN to a valid token"), "\(refused)")
        } catch {
            Issue.record(error)
        }
        let stopped = try await serve.stop()
        outputs += [stopped.stdout, stopped.stderr]
        #expect(stopped.status == 0 && !stopped.signaled, "\(stopped)")
        #expect(stopped.stderr.contains("Stopped; the state is saved."), "\(stopped)")
        // The token and the provider secret appear in no output of either process.
        for output in outputs {
            #expect(!output.contains(serve.token))
            #expect(!output.contains("serve-e2e-pipernet-key"))
        }
        // The state serve wrote is the embedded runtime's: a plan on it wants everything back.
        let direct = try await Binary.runAsync(["plan", "--detailed-exitcode"], in: workspace.url, environment: Self.environment)
        #expect(direct.status == 2, "\(direct)")
        #expect(direct.stdout.contains("Error") == false, "\(direct)")
    }

    @Test func appliesConvergeAgainstAFaultyServerWithNothingTwice() async throws {
        let workspace = try Workspace.quickstart("serve-faults")
        defer { workspace.remove() }
        try FileManager.default.copyItem(
            at: Workspace.repositoryRoot.appendingPathComponent("examples/multi-customer/caracal"),
            to: workspace.file("caracal/multi-customer"))
        let environment = Self.environment.merging([
            "INITECH_CRM_CLIENT_SECRET": "e2e-initech", "GLOBEX_CRM_CLIENT_SECRET": "e2e-globex",
            "ACME_CRM_CLIENT_SECRET": "e2e-acme", "STATUS_PAGE_TOKEN": "e2e-status",
        ]) { $1 }
        let serve = try ServeProcess.start(in: workspace, ["--fault-rate", "0.2", "--fault-seed", "11"])
        do {
            var applies = 0
            var plan = try await Binary.runAsync(["plan", "--detailed-exitcode", "--runtime", serve.url], in: workspace.url, environment: serve.environment(environment))
            while plan.status == 2 && applies < 3 {
                _ = try await Binary.runAsync(["apply", "--auto-approve", "--runtime", serve.url], in: workspace.url, environment: serve.environment(environment))
                applies += 1
                plan = try await Binary.runAsync(["plan", "--detailed-exitcode", "--runtime", serve.url], in: workspace.url, environment: serve.environment(environment))
            }
            #expect(plan.status == 0, "after \(applies) applies: \(plan)")

            // Every kind in every zone: no identity twice, and the examples' 26 objects all
            // there. (Reads may meet injected faults too, so each list is retried.)
            var identities: [String] = []
            for zone in try await Self.retrying({ try await serve.items("/v1/zones") }) {
                let id = zone["id"] as? String ?? ""
                identities.append("Zone/\(zone["slug"] as? String ?? "")")
                for (kind, key) in [("applications", "name"), ("providers", "identifier"), ("resources", "identifier"), ("policies", "name"), ("policy-sets", "name")] {
                    for item in try await Self.retrying({ try await serve.items("/v1/zones/\(id)/\(kind)") }) {
                        identities.append("\(kind)/\(id)/\(item[key] as? String ?? "")")
                    }
                }
            }
            #expect(identities.count == Set(identities).count, "\(identities.sorted())")
            #expect(identities.count == 26, "\(identities.count) objects: \(identities.sorted())")
        } catch {
            Issue.record(error)
        }
        _ = try await serve.stop()
    }

    @Test func malformedHTTPGets4xxAndServeKeepsServing() async throws {
        let workspace = try Workspace("serve-malformed")
        defer { workspace.remove() }
        let serve = try ServeProcess.start(in: workspace)
        let port = UInt16(try #require(URL(string: serve.url)?.port))
        let auth = "Authorization: Bearer \(serve.token)\r\n"
        let cases: [(String, [UInt8])] = [
            ("400", Array("GARBAGE\r\n\r\n".utf8)),
            ("400", Array("GET /v1/zones HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n".utf8)),
            ("431", Array("GET /v1/zones HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 40_000))\r\n\r\n".utf8)),
            ("413", Array("POST /v1/zones HTTP/1.1\r\nHost: x\r\n\(auth)Content-Length: 2000000\r\n\r\n{".utf8)),
            ("400", Array("POST /v1/zones HTTP/1.1\r\nHost: x\r\n\(auth)Content-Length: 9\r\n\r\nnot json!".utf8)),
            ("400", Array("POST /v1/zones HTTP/1.1\r\nHost: x\r\n\(auth)Content-Length: 50\r\n\r\n{\"name\":".utf8)),
            ("505", Array("GET /health HTTP/3.0\r\nHost: x\r\n\r\n".utf8)),
            ("400", [0x00, 0xFF, 0x13, 0x37] + Array("\r\n\r\n".utf8)),
        ]
        for (status, bytes) in cases {
            let answer = try RawHTTP.exchange(port: port, bytes)
            #expect(answer.hasPrefix("HTTP/1.1 \(status) "), "\(String(decoding: bytes.prefix(60), as: UTF8.self)) -> \(answer.prefix(200))")
        }
        // Still alive, and still answering properly.
        let health = try RawHTTP.exchange(port: port, Array("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
        #expect(health.hasPrefix("HTTP/1.1 200 "), "\(health)")
        let stopped = try await serve.stop()
        #expect(stopped.status == 0 && !stopped.signaled, "\(stopped)")
    }

    /// `body`, tried up to ten times while it throws.
    static func retrying<T>(_ body: () async throws -> T) async throws -> T {
        for _ in 1..<10 {
            if let value = try? await body() { return value }
        }
        return try await body()
    }
}
