import CaracalRuntime
import Foundation
import Manifest

/// What a zone's active policy-set version decides with, read through the Admin API's shapes.
public struct ActiveBundle: Sendable {
    public var zoneID: String
    public var bundle: PolicyBundle
}

/// Bundles read through the runtime protocol alone, so they work the same against the embedded
/// runtime and a Caracal deployment.
extension Runtime {
    /// The active policy-set version of the zone with slug `zone`, as a bundle; an empty bundle
    /// (which denies everything) when the zone has no active set.
    ///
    /// - Throws: `zone_not_found` when no such zone exists.
    public func activeBundle(zone: String) async throws(RuntimeError) -> ActiveBundle {
        guard let live = try await list(.zone, zoneID: nil).first(where: { $0.identity == zone }) else {
            throw RuntimeError(status: 404, code: "zone_not_found", message: "Zone '\(zone)' does not exist in \(identity).")
        }
        let sets = try await list(.policySet, zoneID: live.id)
        guard let active = sets.first(where: { $0.string("active_version_id") != nil }), let versionID = active.string("active_version_id") else {
            return ActiveBundle(zoneID: live.id, bundle: .empty)
        }
        return ActiveBundle(zoneID: live.id, bundle: try await bundle(zoneID: live.id, policySetID: active.id, versionID: versionID))
    }

    /// The data rules of one policy-set version, merged in its order.
    ///
    /// - Throws: `invalid_policy_bundle` when two of its policies define the same rule.
    public func bundle(zoneID: String, policySetID: String, versionID: String) async throws(RuntimeError) -> PolicyBundle {
        let version = try await policySetVersion(zoneID: zoneID, policySetID: policySetID, versionID: versionID)
        guard case .array(let entries)? = version["policies"] else { return .empty }
        let policies = try await list(.policy, zoneID: zoneID)
        let names = Dictionary(policies.map { ($0.id, $0.identity) }, uniquingKeysWith: { first, _ in first })
        var documents: [PolicyBundle.Document] = []
        for entry in entries {
            guard let policyID = entry["policy_id"]?.stringValue, let policyVersionID = entry["policy_version_id"]?.stringValue else { continue }
            let detail = try await get(.policy, id: policyID, zoneID: zoneID)
            guard case .array(let versions)? = detail["versions"],
                  let content = versions.first(where: { $0["id"]?.stringValue == policyVersionID })?["content"]?.stringValue,
                  let parsed = RegoDataDocumentParser.parse(content, file: policyID).document else { continue }
            documents.append(PolicyBundle.Document(policy: names[policyID] ?? policyID, rules: parsed.values))
        }
        do {
            return try PolicyBundle(documents: documents, policySetVersionID: versionID, manifestSHA256: version.string("manifest_sha256"))
        } catch {
            throw RuntimeError(status: 422, code: "invalid_policy_bundle", message: error.description)
        }
    }
}

extension EmbeddedRuntime {
    /// The Admin API's simulate (reference §6): the version's result for `input`, without
    /// activating it, with the input warnings that would stop `would_activate`.
    func simulateVersion(zoneID: String, policySetID: String, versionID: String, input: RegoValue?) async throws(RuntimeError) -> LiveObject {
        let version = try await policySetVersion(zoneID: zoneID, policySetID: policySetID, versionID: versionID)
        let bundle = try await bundle(zoneID: zoneID, policySetID: policySetID, versionID: versionID)
        var warnings: [RegoValue] = []
        var explanation: [String: RegoValue] = ["evaluation": .string("not_executed"), "reason": .string("no input was given")]
        var result = RegoValue.null
        if let input {
            let schema = input["schema_version"]?.stringValue ?? "missing"
            if schema != Self.schemaVersion { warnings.append(.string("input_schema_mismatch:\(schema)")) }
            if let principalZone = input["principal"]?["zone_id"]?.stringValue, principalZone != zoneID {
                warnings.append(.string("principal_zone_mismatch"))
            }
            for (field, warning) in [("resource", "missing_resource"), ("action", "missing_action"), ("context", "missing_context")]
                where input[field] == nil {
                warnings.append(.string(warning))
            }
            let decision = DecisionEngine(bundle: bundle).decide(input)
            result = decision.resultValue
            explanation = [
                "evaluation": .string(decision.evaluationStatus == .error ? "failed" : "executed"),
                "decision": .string(decision.verdict.rawValue),
                "reason": .string(decision.denyReason?.rawValue ?? decision.determiningPolicies.first ?? "evaluation_conflict"),
            ]
        }
        let policies = version["policies"] ?? .array([])
        return LiveObject(kind: .policySet, fields: [
            "dry_run": .bool(true),
            "would_activate": .bool(warnings.isEmpty),
            "policy_set_id": .string(policySetID),
            "version_id": .string(versionID),
            "schema_version": .string(Self.schemaVersion),
            "input_schema_version": .string(Self.schemaVersion),
            "manifest_sha256": version["manifest_sha256"] ?? .null,
            "policies": policies,
            "warnings": .array(warnings),
            "explanation": .object(explanation),
            "result": result,
        ])
    }
}
