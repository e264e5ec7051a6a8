import CaracalRuntime
import Foundation
import Manifest
import Testing

/// The whole configuration-as-code loop on a copy of `examples/quickstart`, through the built
/// binary and the embedded runtime (SPEC §2, §4–§6).
@Suite struct QuickstartLoopTests {
    static let environment = ["PIPERNET_API_KEY": "quickstart-loop-key"]

    @Test func planApplyStalePlanDriftAndRepair() async throws {
        let workspace = try Workspace.quickstart("loop")
        defer { workspace.remove() }
        func run(_ arguments: String...) async throws -> Binary.Result {
            try await Binary.runAsync(arguments, in: workspace.url, environment: Self.environment)
        }

        // A plan against the empty runtime shows every object to create and exits 2.
        let first = try await run("plan", "--detailed-exitcode")
        #expect(first.status == 2, "\(first)")
        #expect(first.stdout.hasPrefix("Plan: 6 to create, 0 to update, 0 to delete, 1 policy set to activate.\n"), "\(first)")

        // Saved, applied once: exit 0.
        let saved = try await run("plan", "--out", "plan.json")
        #expect(saved.status == 0, "\(saved)")
        let planDocument = try parseJSON(try workspace.read("plan.json"))
        #expect((planDocument["changes"] as? [Any])?.count == 7)

        let applied = try await run("apply", "plan.json")
        #expect(applied.status == 0, "\(applied)")
        #expect(applied.stdout.contains("Apply complete: 7 changed."), "\(applied)")
        // Not a terminal: one progress line per finished change on stderr.
        #expect(applied.stderr.split(separator: "\n").filter { $0.hasPrefix("[") && $0.contains("/7] ") }.count == 7, "\(applied)")

        // The same plan file again is stale: it was made against an empty zone.
        let again = try await run("apply", "plan.json")
        #expect(again.status == 1, "\(again)")
        #expect(again.stderr.hasPrefix("Error: The plan in 'plan.json' is stale"), "\(again)")
        #expect(again.stdout.isEmpty, "\(again)")

        // Nothing left to do.
        let settled = try await run("plan", "--detailed-exitcode")
        #expect(settled.status == 0, "\(settled)")
        #expect(settled.stdout.contains("No changes."), "\(settled)")
        let inSync = try await run("drift")
        #expect(inSync.status == 0, "\(inSync)")

        // Someone changes the resource through the runtime, not the manifests.
        try await State.patch(
            workspace.stateDirectory, .resource, zone: "quickstart", identity: "resource://pipernet",
            body: ["upstream_url": .string("https://rogue.pipernet.example"),
                   "scopes": .array(["pipernet:read", "pipernet:write", "pipernet:refund", "pipernet:admin"].map(RegoValue.string))])

        let drift = try await run("drift")
        #expect(drift.status == 2, "\(drift)")
        #expect(drift.stdout.contains("Resource/quickstart/pipernet"), "\(drift)")
        #expect(drift.stdout.contains("upstream_url"), "\(drift)")
        #expect(drift.stdout.contains("https://rogue.pipernet.example"), "\(drift)")
        #expect(drift.stdout.contains("https://api.pipernet.example"), "\(drift)")
        #expect(drift.stdout.contains("scopes"), "\(drift)")
        #expect(drift.stdout.contains("pipernet:admin"), "\(drift)")

        let driftJSON = try await run("drift", "--format", "json")
        #expect(driftJSON.status == 2, "\(driftJSON)")
        let report = try parseJSON(driftJSON.stdout)
        #expect(report["in_sync"] as? Bool == false, "\(driftJSON)")
        let outOfSync = report["out_of_sync"] as? [[String: Any]] ?? []
        #expect(outOfSync.map { $0["address"] as? String } == ["Resource/quickstart/pipernet"], "\(driftJSON)")
        let paths = Set((outOfSync.first?["fields"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
        #expect(paths.isSuperset(of: ["upstream_url", "scopes"]), "\(driftJSON)")

        let markdown = try await run("drift", "--format", "markdown")
        #expect(markdown.status == 2, "\(markdown)")
        #expect(markdown.stdout.contains("`upstream_url`"), "\(markdown)")

        // Apply puts it back; drift is clean again.
        let repaired = try await run("apply", "--auto-approve")
        #expect(repaired.status == 0, "\(repaired)")
        #expect(repaired.stdout.hasPrefix("Plan: 0 to create, 1 to update, 0 to delete, 0 policy sets to activate."), "\(repaired)")
        let clean = try await run("drift")
        #expect(clean.status == 0, "\(clean)")
        let resource = try await State.snapshot(workspace.stateDirectory)
            .object(.resource, in: "quickstart", identity: "resource://pipernet")
        #expect(resource?.string("upstream_url") == "https://api.pipernet.example")
    }

    @Test func applyWithoutApprovalOffATerminalIsAUsageError() async throws {
        let workspace = try Workspace.quickstart("approval")
        defer { workspace.remove() }
        let result = try await Binary.runAsync(["apply"], in: workspace.url, environment: Self.environment)
        #expect(result.status == 64, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines.last == "", "\(result)")
        #expect(lines.first?.hasPrefix("Error: ") == true && lines.first?.contains("--auto-approve") == true, "\(result)")
        #expect(lines.dropFirst().first?.hasPrefix("Usage: caracal-apply apply ") == true, "\(result)")
        #expect(lines.dropFirst(2).first == "See 'caracal-apply apply --help' for more information.", "\(result)")
        // Refused before the runtime was touched.
        #expect(!FileManager.default.fileExists(atPath: workspace.stateDirectory))
    }

    @Test func anObjectNoManifestDeclaresIsDriftAndPrunedInAPruningZone() async throws {
        let workspace = try Workspace.quickstart("unmanaged")
        defer { workspace.remove() }
        func run(_ arguments: String...) async throws -> Binary.Result {
            try await Binary.runAsync(arguments, in: workspace.url, environment: Self.environment)
        }
        #expect(try await run("apply", "--auto-approve").status == 0)
        // Someone registers an application by hand in the quickstart zone (which prunes).
        try await State.create(workspace.stateDirectory, .application, zone: "quickstart", body: [
            "name": .string("stray"), "registration_method": .string("managed"),
        ])

        let drift = try await run("drift", "--format", "json")
        #expect(drift.status == 2, "\(drift)")
        let report = try parseJSON(drift.stdout)
        let unmanaged = (report["unmanaged"] as? [[String: Any]] ?? []).map {
            "\($0["kind"] as? String ?? "?")/\($0["zone"] as? String ?? "?")/\($0["identity"] as? String ?? "?")"
        }
        #expect(unmanaged == ["Application/quickstart/stray"], "\(drift)")

        let plan = try await run("plan", "--detailed-exitcode")
        #expect(plan.status == 2, "\(plan)")
        #expect(plan.stdout.hasPrefix("Plan: 0 to create, 0 to update, 1 to delete, 0 policy sets to activate."), "\(plan)")
        #expect(plan.stdout.contains("Application/quickstart/stray"), "\(plan)")

        let pruned = try await run("apply", "--auto-approve")
        #expect(pruned.status == 0, "\(pruned)")
        #expect(try await run("drift").status == 0)
        let state = try await State.snapshot(workspace.stateDirectory)
        #expect(state.objects(.application, in: "quickstart").map(\.identity) == ["reporter"])
    }
}
