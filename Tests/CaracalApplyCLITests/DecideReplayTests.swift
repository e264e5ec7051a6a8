import Testing
import TestSupport

/// `decide --input FILE` with JSON Lines: one answer a line, in order, and clear errors.
struct DecideReplayTests {
    static let policy = """
        # caracal:data-document
        package caracal.authz

        app_ids := {"reporter": "app-1"}

        grants := {"resource://pipernet": {"application": "reporter", "roles": {"reader": ["pipernet:read"]}}}
        """

    static func input(scope: String, principal: String = "app-1") -> String {
        """
        {"principal": {"type": "Application", "id": "\(principal)", "labels": ["reader"]}, "resource": {"identifier": "resource://pipernet"}, "action": {"id": "TokenExchange"}, "delegation_edge": {"id": "edge-1", "scopes": ["\(scope)"]}, "context": {"requested_scopes": ["\(scope)"], "agent_session_id": "as-1"}}
        """
    }

    static let allow = #"{"decision":"allow","determining_policies":[{"policy":"caracal-reporter-mint"}],"diagnostics":[],"evaluation_status":"complete"}"#
    static func deny(_ reason: String) -> String {
        #"{"decision":"deny","determining_policies":[],"diagnostics":[{"reason":"\#(reason)"}],"evaluation_status":"complete"}"#
    }

    @Test func answersEveryLineInOrder() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("grants.rego", Self.policy)
        let lines = [
            Self.input(scope: "pipernet:read"),
            "",
            Self.input(scope: "pipernet:refund"),
            // Escapes and non-ASCII text take the general path.
            Self.input(scope: "pipernet:read", principal: "app-\\u0031"),
            Self.input(scope: "pipernet:read", principal: "app-é"),
        ]
        try directory.write("inputs.jsonl", lines.joined(separator: "\n") + "\n")
        let run = await Invocation(
            ["decide", "--policy-file", "grants.rego", "--input", "inputs.jsonl", "--format", "json"],
            currentDirectory: directory.path)
        #expect(run.status == 0)
        #expect(run.stdout == [Self.allow, Self.deny("role_scope_mismatch"), Self.allow, Self.deny("resource_not_granted")].joined(separator: "\n") + "\n")
        #expect(run.stderr.isEmpty)
    }

    @Test func namesTheFileLineAndColumnOfABrokenLine() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("grants.rego", Self.policy)
        let lines = [Self.input(scope: "pipernet:read"), Self.input(scope: "pipernet:refund"), #"{"principal": {"id": "app-1", "id": "app-2"}}"#, Self.input(scope: "pipernet:read")]
        try directory.write("inputs.jsonl", lines.joined(separator: "\n"))
        let run = await Invocation(
            ["decide", "--policy-file", "grants.rego", "--input", "inputs.jsonl", "--format", "json"],
            currentDirectory: directory.path)
        #expect(run.status != 0)
        #expect(run.stdout == Self.allow + "\n" + Self.deny("role_scope_mismatch") + "\n")
        #expect(run.stderr.contains(#"inputs.jsonl:3:31: Duplicate key "id" in the object. Each line must be one JSON policy input."#))
    }

    /// The input file is opened while the policy loads, but its problems come after the policy's.
    @Test func reportsAMissingPolicyBeforeAMissingInput() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let both = await Invocation(
            ["decide", "--policy-file", "grants.rego", "--input", "inputs.jsonl", "--format", "json"],
            currentDirectory: directory.path)
        #expect(both.status == 66)
        #expect(both.stderr == "Error: No such policy file: 'grants.rego'.\n")

        try directory.write("grants.rego", Self.policy)
        let input = await Invocation(
            ["decide", "--policy-file", "grants.rego", "--input", "inputs.jsonl", "--format", "json"],
            currentDirectory: directory.path)
        #expect(input.status == 66)
        #expect(input.stderr == "Error: No such input file: 'inputs.jsonl'.\n")
        #expect(input.stdout.isEmpty)
    }

    /// The API's checks and the parse both report, in the order of the lines.
    @Test func reportsTheChecksAndTheParseOfAPolicyFile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("grants.rego", """
            package caracal.authz

            grants := {"resource://pipernet": {"application": "reporter"}}
            risk := [1 2]
            """)
        try directory.write("inputs.jsonl", Self.input(scope: "pipernet:read") + "\n")
        let run = await Invocation(
            ["decide", "--policy-file", "grants.rego", "--input", "inputs.jsonl", "--format", "json"],
            currentDirectory: directory.path)
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == """
            grants.rego:1:1: error: The policy has no '# caracal:data-document' line; Caracal accepts only data documents.
                package caracal.authz
                ^
            grants.rego:4:12: error: Expected ',' or ']' in the array, found '2'.
                risk := [1 2]
                           ^
            Error: The policy files have errors; fix them and run again.

            """)
    }
}
