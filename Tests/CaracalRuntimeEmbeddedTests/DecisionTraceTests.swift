import Manifest
import Testing
@testable import CaracalRuntimeEmbedded

struct DecisionTraceTests {
    static let data = """
        {"app_ids": {"reporter": "app-1", "billing": "app-2"},
         "grants": {"resource://x": {"application": "reporter", "roles": {"reader": ["x:read"]}}}}
        """
    static let mint = """
        {"principal": {"type": "Application", "id": "app-2", "labels": ["reader"]},
         "resource": {"identifier": "resource://x"}, "action": {"id": "TokenExchange"},
         "delegation_edge": {"id": "e", "scopes": ["x:read"]},
         "context": {"requested_scopes": ["x:read"], "agent_session_id": "s"}}
        """

    func engine(_ data: String = data, version: String? = "psv-7", sha: String? = "beef") throws -> DecisionEngine {
        guard case .object(let rules) = try TestJSON.parse(data) else { throw FixtureError("data is no object") }
        return DecisionEngine(bundle: PolicyBundle(rules: rules, policySetVersionID: version, manifestSHA256: sha))
    }

    @Test func namesTheKeysTheGrantAndTheFixForAnUnownedResource() throws {
        let decision = try engine().decide(TestJSON.parse(Self.mint), explain: true)
        #expect(decision.denyReason == .resourceNotGranted)
        let trace = try #require(decision.trace)
        let owns = try #require(trace.fact(named: "owns"))
        #expect(!owns.holds)
        #expect(owns.data["application"] == .string("reporter"))
        #expect(owns.data["keys"] == .array([.string("billing")]))
        #expect(trace.fact(named: "grant present")?.holds == true)
        #expect(trace.fact(named: "narrowed") == nil, "facts after the deny reason are not evaluated")
        #expect(trace.suggestions.contains { $0.contains("add app_ids.reporter = \"app-2\"") })
        #expect(trace.suggestions.contains { $0.contains("change grants[\"resource://x\"].application to one of [\"billing\"]") })
    }

    @Test func structuredFormCarriesProvenanceFactsAndTheReason() throws {
        let trace = try #require(try engine().decide(TestJSON.parse(Self.mint), explain: true).trace)
        let value = trace.regoValue
        #expect(value["policy_set_version_id"] == .string("psv-7"))
        #expect(value["manifest_sha256"] == .string("beef"))
        #expect(value["deny_reason"] == .string("resource_not_granted"))
        guard case .array(let facts)? = value["facts"] else {
            Issue.record("facts is not an array")
            return
        }
        #expect(facts.count == trace.facts.count)
        #expect(facts.first?["name"] == .string("restricted"))
        #expect(facts.first?["holds"] == .bool(false))
    }

    @Test func structuredFormOfAnAllowNamesThePathAndPolicy() throws {
        let input = Self.mint.replacingOccurrences(of: "app-2", with: "app-1")
        let decision = try engine().decide(TestJSON.parse(input), explain: true)
        let value = try #require(decision.trace?.regoValue)
        #expect(value["allow_path"] == .string("A2"))
        #expect(value["determining_policy"] == .string("caracal-reporter-mint"))
        #expect(decision.trace?.suggestions == [])
    }

    @Test func textWithoutProvenanceSaysSo() throws {
        let trace = try #require(try engine(version: nil, sha: nil).decide(TestJSON.parse(Self.mint), explain: true).trace)
        let text = trace.renderText()
        #expect(text.contains("policy set version: (none: data given directly)\n"))
        #expect(text.contains("manifest sha256: (none)\n"))
        #expect(text.contains("chosen: deny: resource_not_granted\n"))
    }

    @Test func namesEveryRoleThatLacksAScopeAndEveryRoleThatCovers() throws {
        let data = """
            {"app_ids": {"reporter": "app-1"},
             "grants": {"resource://x": {"application": "reporter", "roles": {"reader": ["x:read"], "writer": ["x:read", "x:write"], "owner": {"$set": ["x:read", "x:write"]}}}}}
            """
        let input = Self.mint
            .replacingOccurrences(of: "app-2", with: "app-1")
            .replacingOccurrences(of: "\"labels\": [\"reader\"]", with: "\"labels\": [\"reader\", \"guest\"]")
            .replacingOccurrences(of: "\"requested_scopes\": [\"x:read\"]", with: "\"requested_scopes\": [\"x:read\", \"x:write\"]")
            .replacingOccurrences(of: "\"scopes\": [\"x:read\"]", with: "\"scopes\": [\"x:read\", \"x:write\"]")
        let decision = try engine(data).decide(TestJSON.parse(input), explain: true)
        #expect(decision.denyReason == .roleScopeMismatch)
        let role = try #require(decision.trace?.fact(named: "role allows mint"))
        #expect(role.details == [
            "label \"reader\": role [\"x:read\"] lacks [\"x:write\"]",
            "label \"guest\": no role \"guest\" in grants[\"resource://x\"].roles (roles: {\"owner\": {\"x:read\", \"x:write\"}, \"reader\": [\"x:read\"], \"writer\": [\"x:read\", \"x:write\"]})",
        ])
        #expect(decision.trace?.suggestions.last == "Roles that already cover every requested scope: [\"owner\", \"writer\"]; giving the principal one of these labels also works.")
    }

    @Test func untracedDecisionCarriesNoTrace() throws {
        #expect(try engine().decide(TestJSON.parse(Self.mint)).trace == nil)
    }
}
