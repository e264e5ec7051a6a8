import Manifest
import TestSupport
import Testing
@testable import CaracalRuntimeEmbedded

/// Properties that hold for any input: checked over inputs assembled from odd values.
struct DecisionPropertyTests {

    static let oddValues: [RegoValue?] = [
        nil, .null, .bool(false), .bool(true), .string(""), .int(0), .object([:]), .array([]),
        .string("agent:lifecycle"), .string("pipernet:read"), .string("resource://pipernet"), .string("app-1"),
        .array([.string("agent:lifecycle")]), .array([.string("pipernet:read"), .string("pipernet:read")]),
        .array([.string("pipernet:refund")]), .set(RegoSet([.string("pipernet:read")])),
        .object(["x": .string("pipernet:read")]), .array([.string("reader"), .string("tenant-a")]),
        .array([.string("resource://pipernet")]), .string("Workload"), .string("CredentialInjection"),
        .string("pipernet:read pipernet:refund"),
    ]

    static let paths: [[String]] = [
        ["principal", "id"], ["principal", "type"], ["principal", "labels"], ["resource", "identifier"],
        ["action", "id"], ["delegation_edge"], ["delegation_edge", "id"], ["delegation_edge", "scopes"],
        ["context", "requested_scopes"], ["context", "agent_session_id"], ["context", "subject_claims"],
        ["context", "subject_claims", "delegation_edge_id"], ["context", "subject_claims", "scope"],
        ["context", "subject_claims", "target"],
    ]

    static let bundles: [PolicyBundle] = {
        let grants: RegoValue = .object([
            "resource://pipernet": .object([
                "application": .string("reporter"),
                "roles": .object(["reader": .array([.string("pipernet:read")]), "tenant-a": .set(RegoSet([.string("pipernet:read"), .string("pipernet:refund")]))]),
            ]),
        ])
        let base: [String: RegoValue] = ["app_ids": .object(["reporter": .string("app-1")]), "grants": grants]
        var risky = base
        risky["risk"] = .array([.object(["scope": .string("pipernet:read"), "tier": .string("low")]),
                                 .object(["scope": .string("pipernet:refund"), "tier": .string("high")]),
                                 .object(["scope": .string("agent:lifecycle"), "tier": .string("low")])])
        risky["approval_tiers"] = .array([.object(["tier": .string("low")]), .object(["tier": .string("high"), "approver": .string("any")])])
        risky["confinement"] = .array([.object(["label_prefix": .string("tenant-"), "scopes": .array([.string("pipernet:read")])])])
        var malformed = base
        malformed["risk"] = .null
        var restricted = base
        restricted["restrict"] = .array([.string("x")])
        return [.empty, PolicyBundle(rules: base), PolicyBundle(rules: risky), PolicyBundle(rules: malformed), PolicyBundle(rules: restricted)]
    }()

    static func randomInput(_ generator: inout SplitMix64) -> RegoValue {
        var input = RegoValue.object([:])
        for path in paths where Bool.random(using: &generator) {
            input.set(path[...], to: oddValues.randomElement(using: &generator)!)
        }
        return input
    }

    @Test(arguments: 0..<bundles.count)
    func tracedAndUntracedDecisionsAgreeAndFailClosed(bundleIndex: Int) {
        let engine = DecisionEngine(bundle: Self.bundles[bundleIndex])
        var generator = SplitMix64(seed: UInt64(bundleIndex) &+ 42)
        for _ in 0..<1500 {
            let input = Self.randomInput(&generator)
            let silent = engine.decide(input)
            let explained = engine.decide(input, explain: true)
            #expect(silent.outcome == explained.outcome, "input \(input.traceText)")
            #expect(engine.decide(DecisionRequest(input)).outcome == silent.outcome)
            switch silent.outcome {
            case .allowed(_, let policy, _):
                #expect(bundleIndex != 0 && bundleIndex != 4, "allowed \(policy) for \(input.traceText)")
            case .denied:
                #expect(silent.determiningPolicies.isEmpty)
            case .failed:
                #expect(silent.verdict == .deny && silent.evaluationStatus == .error)
            }
            #expect(!(explained.trace?.renderText().isEmpty ?? true))
        }
    }
}
