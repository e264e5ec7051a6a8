import CaracalRuntime
import Foundation
import Manifest
import Testing

/// `destroy` deletes what the manifests declare, keeping protected objects (SPEC §2, §3).
@Suite struct DestroyTests {
    static let environment = ["PIPERNET_API_KEY": "destroy-test-key"]

    /// The actions of a JSON plan, by address.
    static func actions(_ result: Binary.Result) throws -> [String: [String]] {
        let changes = try parseJSON(result.stdout)["changes"] as? [[String: Any]] ?? []
        return Dictionary(grouping: changes, by: { $0["address"] as? String ?? "?" }).mapValues { $0.compactMap { $0["action"] as? String } }
    }

    @Test func destroyDeletesEverythingAndAPlanWouldCreateItAgain() async throws {
        let workspace = try Workspace.quickstart("destroy")
        defer { workspace.remove() }
        func run(_ arguments: String...) async throws -> Binary.Result {
            try await Binary.runAsync(arguments, in: workspace.url, environment: Self.environment)
        }
        let planned = try await run("plan", "--format", "json")
        #expect(try await run("apply", "--auto-approve").status == 0)

        let refused = try await run("destroy")
        #expect(refused.status == 64, "destroy off a terminal needs --auto-approve: \(refused)")
        #expect(try await State.snapshot(workspace.stateDirectory).count == 6)

        let destroyed = try await run("destroy", "--auto-approve")
        #expect(destroyed.status == 0, "\(destroyed)")
        #expect(destroyed.stdout.hasPrefix("Plan: 0 to create, 0 to update, 6 to delete, 0 policy sets to activate."), "\(destroyed)")
        // Deletions run in reverse dependency order: the zone last.
        let order = destroyed.stderr.split(separator: "\n").filter { $0.contains("] deleted ") }
        #expect(order.count == 6, "\(destroyed)")
        #expect(order.first?.contains("PolicySet/quickstart/main") == true, "\(destroyed)")
        #expect(order.last?.contains("deleted Zone/quickstart ") == true, "\(destroyed)")
        #expect(try await State.snapshot(workspace.stateDirectory).count == 0)

        let again = try await run("plan", "--detailed-exitcode", "--format", "json")
        #expect(again.status == 2, "\(again)")
        // The same changes as the very first plan: everything to create, the set to activate.
        let actions = try Self.actions(again)
        let first = try Self.actions(planned)
        #expect(actions == first, "\(again)")
        let creates = actions.values.reduce(0) { $0 + $1.filter { $0 == "create" }.count }
        #expect(creates == 6, "\(again)")
        #expect(actions["PolicySet/quickstart/main"] == ["create", "activate"], "\(again)")
        // Nothing is left to destroy.
        let nothing = try await run("destroy", "--auto-approve")
        #expect(nothing.status == 0, "\(nothing)")
        #expect(nothing.stdout.contains("No changes."), "\(nothing)")
    }

    @Test func destroyKeepsAProtectedObjectAndItsZone() async throws {
        let workspace = try Workspace.quickstart("protect")
        defer { workspace.remove() }
        try workspace.edit("caracal/pipernet.yaml", replacing: "  name: reporter\n", with: "  name: reporter\n  protect: true\n")
        func run(_ arguments: String...) async throws -> Binary.Result {
            try await Binary.runAsync(arguments, in: workspace.url, environment: Self.environment)
        }
        #expect(try await run("apply", "--auto-approve").status == 0)
        let before = try await State.snapshot(workspace.stateDirectory)
        let reporter = try #require(before.object(.application, in: "quickstart", identity: "reporter"))

        let destroyed = try await run("destroy", "--auto-approve")
        #expect(destroyed.status == 0, "\(destroyed)")
        #expect(destroyed.stdout.hasPrefix("Plan: 0 to create, 0 to update, 4 to delete, 0 policy sets to activate."), "\(destroyed)")
        #expect(destroyed.stdout.contains("Application/quickstart/reporter: Kept"), "\(destroyed)")
        #expect(destroyed.stdout.contains("Zone/quickstart: Kept"), "\(destroyed)")

        let after = try await State.snapshot(workspace.stateDirectory)
        #expect(after.zones.map(\.identity) == ["quickstart"])
        #expect(after.object(.application, in: "quickstart", identity: "reporter")?.id == reporter.id)
        for kind in [ManifestKind.provider, .resource, .policy, .policySet] {
            #expect(after.objects(kind, in: "quickstart").isEmpty, "\(kind) should be deleted")
        }

        let plan = try await run("plan", "--detailed-exitcode", "--format", "json")
        #expect(plan.status == 2, "\(plan)")
        let actions = try Self.actions(plan)
        let expected: [String: [String]] = [
            "Provider/quickstart/pipernet-key": ["create"],
            "Resource/quickstart/pipernet": ["create"],
            "Policy/quickstart/pipernet-grants": ["create"],
            "PolicySet/quickstart/main": ["create", "activate"],
        ]
        #expect(actions == expected, "\(plan)")

        // The kept zone and application make the way back an ordinary apply.
        #expect(try await run("apply", "--auto-approve").status == 0)
        #expect(try await run("plan", "--detailed-exitcode").status == 0)
        #expect(try await State.snapshot(workspace.stateDirectory).object(.application, in: "quickstart", identity: "reporter")?.id == reporter.id)
    }

    @Test func applyAfterDestroyingAZoneFailsOnItsTakenSlugAndReportsEveryOutcome() async throws {
        let workspace = try Workspace.quickstart("reapply")
        defer { workspace.remove() }
        func run(_ arguments: String...) async throws -> Binary.Result {
            try await Binary.runAsync(arguments, in: workspace.url, environment: Self.environment)
        }
        #expect(try await run("apply", "--auto-approve").status == 0)
        #expect(try await run("destroy", "--auto-approve").status == 0)

        // Archived zones keep their slugs (SPEC §8), so the zone cannot be created again; every
        // change that needs it is skipped, and each one's outcome is reported.
        let again = try await run("apply", "--auto-approve")
        #expect(again.status == 1, "\(again)")
        let lines = again.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("[1/7] failed to create Zone/quickstart: ") && $0.contains("zone_slug_conflict") }, "\(again)")
        #expect(lines.filter { $0.contains("] skipped ") }.count == 6, "\(again)")
        #expect(try await State.snapshot(workspace.stateDirectory).count == 0)

        // A change skipped because of another skipped change names the root cause once.
        #expect(!again.stderr.contains("because not attempted because"), "\(again)")
        #expect(again.stderr.contains("not attempted because create Zone/quickstart failed"), "\(again)")
    }
}
