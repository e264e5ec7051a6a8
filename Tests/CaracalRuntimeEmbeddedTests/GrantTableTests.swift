import Manifest
import TestSupport
import Testing
@testable import CaracalRuntimeEmbedded

/// Grants laid out flat decide exactly as grants read through `CompiledGrant`, whatever their
/// shape: owners that are not strings, roles written as arrays, sets or objects of anything,
/// more roles or scopes than the flat layout takes, empty names and scopes.
struct GrantTableTests {
    static let scopes: [RegoValue] = [
        .string("pipernet:read"), .string("pipernet:refund"), .string(""), .string("agent:lifecycle"), .int(1), .null,
        .string("a-scope-name-longer-than-sixteen-bytes"),
    ]

    static func roleValue(_ generator: inout SplitMix64) -> RegoValue {
        let elements = (0..<Int.random(in: 0...3, using: &generator)).map { _ in scopes.randomElement(using: &generator)! }
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: return .set(RegoSet(elements))
        case 1: return .object(["x": elements.first ?? .string("pipernet:read")])
        case 2: return .string("pipernet:read")
        case 3: return .array((0..<40).map { .string("s\($0)") } + [.string("pipernet:read")])
        default: return .array(elements)
        }
    }

    static func bundle(_ generator: inout SplitMix64) -> PolicyBundle {
        let labels = ["reader", "tenant-a", "", "admin"]
        var roles: [String: RegoValue] = [:]
        for label in labels where Bool.random(using: &generator) { roles[label] = roleValue(&generator) }
        if Int.random(in: 0..<5, using: &generator) == 0 {
            for extra in 0..<20 { roles["role\(extra)"] = .array([.string("pipernet:read")]) }
        }
        let owners: [RegoValue] = [.string("app-1"), .int(1), .string(""), .array([.string("app-1")])]
        var grant: [String: RegoValue] = ["application": .string("reporter")]
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: grant["roles"] = .array([.string("reader")])
        case 1: break
        default: grant["roles"] = .object(roles)
        }
        let appIDs: RegoValue = .object(["reporter": owners.randomElement(using: &generator)!])
        return PolicyBundle(rules: ["app_ids": appIDs, "grants": .object(["resource://pipernet": .object(grant)])])
    }

    /// A mint request or a presented mandate, with random labels and scopes.
    static func request(_ generator: inout SplitMix64) -> RegoValue {
        let labels: [RegoValue] = ["reader", "tenant-a", "", "admin", "role3"].filter { _ in Bool.random(using: &generator) }.map(RegoValue.string)
        let requested = scopes.filter { _ in Int.random(in: 0..<3, using: &generator) == 0 }
        var input: RegoValue = .object(["principal": .object(["id": .string("app-1"), "labels": .array(labels)])])
        if Bool.random(using: &generator) {
            input.set(["delegation_edge"], to: .object(["id": .string("e"), "scopes": .array(scopes)]))
            input.set(["context"], to: .object(["requested_scopes": .array(requested), "agent_session_id": .string("s")]))
        } else {
            let presented = requested.compactMap(\.stringValue).joined(separator: " ")
            input.set(["context"], to: .object(["subject_claims": .object([
                "delegation_edge_id": .string("e"), "scope": .string(presented), "target": .array([.string("resource://pipernet")]),
            ])]))
        }
        return input
    }

    @Test func flatGrantsDecideAsCompiledGrantsDo() {
        var generator = SplitMix64(seed: 17)
        var allowed = 0
        for _ in 0..<300 {
            let bundle = Self.bundle(&generator)
            let flat = DecisionEngine(bundle: bundle)
            let reference = DecisionEngine(bundle: bundle, flatGrants: false)
            for _ in 0..<40 {
                var input = Bool.random(using: &generator) ? Self.request(&generator) : DecisionPropertyTests.randomInput(&generator)
                input.set(["resource", "identifier"], to: .string("resource://pipernet"))
                if Bool.random(using: &generator) { input.set(["principal", "id"], to: .string("app-1")) }
                let expected = reference.decide(input).outcome
                #expect(flat.decide(input).outcome == expected, "\(input.traceText) against \(RegoValue.object(bundle.rules).traceText)")
                #expect(flat.decide(DecisionRequest(input)).outcome == expected)
                #expect(flat.decide(input, explain: true).outcome == expected)
                if case .allowed = expected { allowed += 1 }
            }
        }
        // The grants do allow: the role checks are exercised, not only the ownership checks.
        #expect(allowed > 40)
    }

    /// Grants that are laid out flat and grants that are not, side by side in one zone: a grant
    /// that is not flat leaves nothing behind for the grants after it.
    @Test func grantsOfEveryShapeSideBySideDecideAsCompiledGrantsDo() {
        var generator = SplitMix64(seed: 23)
        for _ in 0..<60 {
            var grants: [String: RegoValue] = [:]
            var appIDs: [String: RegoValue] = [:]
            for index in 0..<8 {
                let rules = Self.bundle(&generator).rules
                var grant = rules["grants"]!["resource://pipernet"]!
                grant.set(["application"], to: .string("app\(index)"))
                grants["resource://r\(index)"] = grant
                appIDs["app\(index)"] = rules["app_ids"]!["reporter"]!
            }
            let bundle = PolicyBundle(rules: ["app_ids": .object(appIDs), "grants": .object(grants)])
            let flat = DecisionEngine(bundle: bundle)
            let ownNames = flat.withOwnPolicyNames()
            let reference = DecisionEngine(bundle: bundle, flatGrants: false)
            for _ in 0..<40 {
                let resource = RegoValue.string("resource://r\(Int.random(in: 0..<8, using: &generator))")
                var input = Self.request(&generator)
                input.set(["resource", "identifier"], to: resource)
                if input["context"]?["subject_claims"] != nil { input.set(["context", "subject_claims", "target"], to: .array([resource])) }
                let expected = reference.decide(input).outcome
                #expect(flat.decide(input).outcome == expected, "\(input.traceText) against \(RegoValue.object(bundle.rules).traceText)")
                #expect(ownNames.decide(input).outcome == expected)
            }
        }
    }
}
