import Foundation
import Manifest
import Planner
import Testing
import TestSupport
@testable import CaracalRuntimeEmbedded

/// Pins the plan a reviewer reads: text, Markdown and the JSON document.
struct PlanOutputGoldenTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples").path

    static func quickstart(edit: (String) -> String = { $0 }) throws -> DesiredState {
        let names = ["zone.yaml", "pipernet.yaml", "policies.yaml"]
        let inputs = try names.map { name -> (file: String, bytes: [UInt8]) in
            let text = try String(contentsOfFile: "\(examples)/quickstart/caracal/\(name)", encoding: .utf8)
            return ("caracal/\(name)", Array(edit(text).utf8))
        }
        let loaded = ManifestLoader(scope: VariableScope(environment: ["PIPERNET_API_KEY": "golden-secret"])).load(inputs)
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        return loaded.desired
    }

    /// Server ids, and the hashes of content that holds them, differ on every run.
    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#, with: "<id>", options: .regularExpression)
            .replacingOccurrences(of: #"[0-9a-f]{64}"#, with: "<sha256>", options: .regularExpression)
            .replacingOccurrences(of: #"embedded:[^"]*"#, with: "embedded:<state>", options: .regularExpression)
    }

    @Test func planAgainstAnEmptyRuntime() async throws {
        let harness = try Harness()
        defer { harness.remove() }
        let plan = try await harness.plan(try Self.quickstart())
        Golden.expect(PlanRenderer().text(plan), matches: "plan-create.txt")
        Golden.expect(PlanRenderer().markdown(plan), matches: "plan-create.md")
        Golden.expect(Self.normalized(JSONWriter.pretty(PlanDocument.json(plan)) + "\n"), matches: "plan-create.json")
    }

    @Test func planOfChangesToALiveZone() async throws {
        let harness = try Harness()
        defer { harness.remove() }
        try await harness.apply(try Self.quickstart())
        // Someone added an application by hand; the manifests change a resource, a grant and a provider.
        let runtime = try harness.open()
        let zone = try #require(try await runtime.list(.zone, zoneID: nil).first)
        _ = try await runtime.create(.application, zoneID: zone.id, body: ["name": .string("legacy-bot"), "registration_method": .string("managed")])
        try await runtime.close()
        let edited = try Self.quickstart { text in
            text.replacingOccurrences(of: "scopes: [pipernet:read, pipernet:write, pipernet:refund]", with: "scopes: [pipernet:read, pipernet:write, pipernet:refund, pipernet:export]")
                .replacingOccurrences(of: "reader: [pipernet:read]", with: "reader: [pipernet:read, pipernet:export]")
                .replacingOccurrences(of: "name: Pipernet API key", with: "name: Pipernet key (rotated)")
                .replacingOccurrences(of: "description: Grants on the Pipernet billing API", with: "description: Who may call Pipernet")
        }
        let plan = try await harness.plan(edited)
        #expect(plan.summaryLine == "Plan: 0 to create, 3 to update, 1 to delete, 1 policy set to activate.")
        Golden.expect(Self.normalized(PlanRenderer().text(plan)), matches: "plan-update.txt")
        Golden.expect(Self.normalized(PlanRenderer().markdown(plan)), matches: "plan-update.md")
    }

    @Test func secretsAreNeverShown() async throws {
        let harness = try Harness()
        defer { harness.remove() }
        let plan = try await harness.plan(try Self.quickstart())
        let outputs = [PlanRenderer().text(plan), PlanRenderer().markdown(plan), JSONWriter.pretty(PlanDocument.json(plan))]
        #expect(outputs.allSatisfy { !$0.contains("golden-secret") })
        #expect(outputs.allSatisfy { $0.contains("(sensitive)") })
    }
}
