import Foundation
import Testing

/// Policy tests in the quickstart pass, and a grant widened so a deny test no longer holds
/// fails `test` (exit 3, naming the test) and keeps `apply` from activating it (SPEC §5, §7).
@Suite struct PolicyTestGateTests {
    static let environment = ["PIPERNET_API_KEY": "gate-test-key"]
    static let readerRefunds = [
        "decide", "--zone", "quickstart", "--application", "reporter", "--labels", "reader",
        "--resource", "resource://pipernet", "--scopes", "pipernet:refund",
    ]

    @Test func aWidenedGrantFailsTestAndApplyKeepsTheOldVersionActive() async throws {
        let workspace = try Workspace.quickstart("gate")
        defer { workspace.remove() }
        func run(_ arguments: [String]) async throws -> Binary.Result {
            try await Binary.runAsync(arguments, in: workspace.url, environment: Self.environment)
        }

        let passing = try await run(["test"])
        #expect(passing.status == 0, "\(passing)")
        #expect(passing.stdout.hasSuffix("3 tests: 3 passed, 0 failed.\n"), "\(passing)")
        #expect(try await run(["apply", "--auto-approve"]).status == 0)
        let before = try await run(Self.readerRefunds)
        #expect(before.stdout.hasPrefix("deny  role_scope_mismatch"), "\(before)")

        // Readers may now refund: the deny test no longer holds.
        try workspace.edit("caracal/policies.yaml", replacing: "reader: [pipernet:read]", with: "reader: [pipernet:read, pipernet:refund]")
        let failing = try await run(["test"])
        #expect(failing.status == 3, "\(failing)")
        #expect(failing.stdout.contains("FAIL  PolicySet/quickstart/main: reader cannot refund"), "\(failing)")
        #expect(failing.stdout.contains("expected: deny (role_scope_mismatch)"), "\(failing)")
        #expect(failing.stdout.contains("role allows mint: true"), "the failure shows the trace: \(failing)")

        let junit = try await run(["test", "--format", "junit"])
        #expect(junit.status == 3)
        #expect(junit.stdout.contains("<testcase classname=\"PolicySet/quickstart/main\" name=\"reader cannot refund\">"), "\(junit)")

        let plan = try await run(["plan"])
        #expect(plan.stdout.contains("FAIL  PolicySet/quickstart/main: reader cannot refund"), "\(plan)")

        let blocked = try await run(["apply", "--auto-approve"])
        #expect(blocked.status == 3, "\(blocked)")
        #expect(blocked.stderr.contains("kept the active version of PolicySet/quickstart/main"), "\(blocked)")

        // The active version is still the old one: readers still cannot refund.
        let after = try await run(Self.readerRefunds)
        #expect(after.stdout.hasPrefix("deny  role_scope_mismatch"), "\(after)")
        let requestLine = try #require(after.stdout.split(separator: "\n").first { $0.hasPrefix("request ") }, "\(after)")
        let requestID = String(requestLine.split(separator: " ")[1])
        let explained = try await run(["explain", requestID])
        #expect(explained.status == 0, "\(explained)")
        #expect(explained.stdout.contains("\"actor_claims\": \"(redacted)\""), "\(explained)")
        #expect(explained.stdout.contains("chosen: deny: role_scope_mismatch"), "\(explained)")
    }
}
