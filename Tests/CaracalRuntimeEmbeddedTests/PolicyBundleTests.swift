import Manifest
import Testing
@testable import CaracalRuntimeEmbedded

struct PolicyBundleTests {
    @Test func mergesTheRulesOfEveryPolicy() throws {
        let bundle = try PolicyBundle(
            documents: [
                .init(policy: "application-grants", rules: ["app_ids": .object(["reporter": .string("app-1")]), "grants": .object([:])]),
                .init(policy: "zone-risk", rules: ["risk": .array([])]),
            ],
            policySetVersionID: "psv-1",
            manifestSHA256: "abc"
        )
        #expect(Set(bundle.rules.keys) == ["app_ids", "grants", "risk"])
        #expect(bundle.definingPolicies == ["app_ids": "application-grants", "grants": "application-grants", "risk": "zone-risk"])
        #expect(bundle.policySetVersionID == "psv-1")
        #expect(bundle.manifestSHA256 == "abc")
    }

    @Test func rejectsARuleDefinedByTwoPolicies() {
        let documents: [PolicyBundle.Document] = [
            .init(policy: "grants-a", rules: ["grants": .object([:])]),
            .init(policy: "risk", rules: ["risk": .array([])]),
            .init(policy: "grants-b", rules: ["grants": .object([:]), "app_ids": .object([:])]),
        ]
        #expect(throws: PolicyBundleError(rule: "grants", firstPolicy: "grants-a", secondPolicy: "grants-b")) {
            try PolicyBundle(documents: documents)
        }
        do {
            _ = try PolicyBundle(documents: documents)
        } catch {
            #expect(error.code == "invalid_policy_bundle")
            #expect(error.description == "invalid_policy_bundle: rule 'grants' is defined by both policy 'grants-a' and policy 'grants-b'; each rule may be defined only once per policy set.")
        }
    }

    @Test func aRuleDefinedAsNullCountsAsDefinedTwice() {
        let documents: [PolicyBundle.Document] = [
            .init(policy: "first", rules: ["restrict": .null]),
            .init(policy: "second", rules: ["restrict": .bool(false)]),
        ]
        #expect(throws: PolicyBundleError(rule: "restrict", firstPolicy: "first", secondPolicy: "second")) {
            try PolicyBundle(documents: documents)
        }
    }

    @Test func keepsARuleWhoseValueIsNullApartFromAnAbsentOne() throws {
        let withNull = try PolicyBundle(documents: [.init(policy: "p", rules: ["risk": .null])])
        #expect(withNull.rules.keys.contains("risk"))
        #expect(withNull.rules["risk"] == .some(.null))
        #expect(PolicyBundle.empty.rules["risk"] == nil)
    }

    @Test func traceNamesThePolicyThatDefinedMalformedData() throws {
        let bundle = try PolicyBundle(documents: [
            .init(policy: "application-grants", rules: ["app_ids": .object([:])]),
            .init(policy: "zone-risk", rules: ["risk": .null]),
        ])
        let input = try TestJSON.parse("""
            {"principal": {"id": "a"}, "delegation_edge": {"id": "e"},
             "context": {"requested_scopes": ["x"], "agent_session_id": "s"}}
            """)
        let decision = DecisionEngine(bundle: bundle).decide(input, explain: true)
        #expect(decision.denyReason == .malformedRiskData)
        #expect(decision.trace?.suggestions.first?.hasPrefix("Fix the risk data (defined by policy 'zone-risk'): risk is null, not an array.") == true)
    }
}
