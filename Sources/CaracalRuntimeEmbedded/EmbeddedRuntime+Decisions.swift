import CaracalRuntime
import Foundation
import Manifest

extension EmbeddedRuntime {
    /// What a zone's active policy-set version decides with, read through the Admin API's shapes.
    public struct ActiveBundle: Sendable {
        public var zoneID: String
        public var bundle: PolicyBundle
    }

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
        let version = try await policySetVersion(zoneID: live.id, policySetID: active.id, versionID: versionID)
        var documents: [PolicyBundle.Document] = []
        guard case .array(let entries)? = version["policies"] else {
            return ActiveBundle(zoneID: live.id, bundle: .empty)
        }
        let policies = try await list(.policy, zoneID: live.id)
        let names = Dictionary(policies.map { ($0.id, $0.identity) }, uniquingKeysWith: { first, _ in first })
        for entry in entries {
            guard let policyID = entry["policy_id"]?.stringValue, let policyVersionID = entry["policy_version_id"]?.stringValue else { continue }
            let detail = try await get(.policy, id: policyID, zoneID: live.id)
            guard case .array(let versions)? = detail["versions"],
                  let content = versions.first(where: { $0["id"]?.stringValue == policyVersionID })?["content"]?.stringValue,
                  let parsed = RegoDataDocumentParser.parse(content, file: policyID).document else { continue }
            documents.append(PolicyBundle.Document(policy: names[policyID] ?? policyID, rules: parsed.values))
        }
        do {
            let bundle = try PolicyBundle(documents: documents, policySetVersionID: versionID, manifestSHA256: version.string("manifest_sha256"))
            return ActiveBundle(zoneID: live.id, bundle: bundle)
        } catch {
            throw RuntimeError(status: 422, code: "invalid_policy_bundle", message: error.description)
        }
    }
}
