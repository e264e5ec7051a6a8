import CaracalRuntime
import Manifest
import Planner

/// The ids known while an apply runs: live ones read by the planner, then the ones each change
/// creates, so later waves can refer to objects created by earlier ones.
struct ReconcileState: Sendable {
    var zoneIDs: [String: String] = [:]
    var objectIDs: [ObjectAddress: String] = [:]
    /// The newest version id of each policy.
    var policyVersions: [ObjectAddress: String] = [:]
    /// Objects whose change failed, was skipped or was blocked.
    var unavailable: [ObjectAddress: String] = [:]

    init(desired: DesiredState, live: LiveState) {
        for (slug, zone) in live.zones { zoneIDs[slug] = zone.id }
        for object in desired.objects where object.kind != .zone {
            guard let liveObject = live.object(object.kind, zone: object.zone, identity: object.identity) else { continue }
            objectIDs[object.address] = liveObject.id
            if object.kind == .policy, case .array(let versions)? = live.policyDetails[liveObject.id]?["versions"],
               let newest = versions.first?["id"]?.stringValue {
                policyVersions[object.address] = newest
            }
        }
        for object in desired.zones { objectIDs[object.address] = zoneIDs[object.name] }
    }

    /// Ids of objects as the request bodies need them.
    var lookup: IDLookup {
        let ids = objectIDs
        return IDLookup(
            applicationID: { zone, name in ids[ObjectAddress(kind: .application, zone: zone, name: name)] },
            providerID: { zone, name in ids[ObjectAddress(kind: .provider, zone: zone, name: name)] })
    }

    /// Records what a finished change produced.
    mutating func record(_ outcome: ChangeOutcome, versionID: String?) {
        let address = outcome.change.address
        switch outcome.status {
        case .succeeded(let id):
            if outcome.change.action == .delete { return }
            if address.kind == .zone { zoneIDs[address.name] = id }
            if outcome.change.action != .activate { objectIDs[address] = id }
            if let versionID, address.kind == .policy { policyVersions[address] = versionID }
        case .failed:
            unavailable[address] = "\(outcome.change.action.rawValue) \(address) failed"
        case .skipped:
            // Dependents name the change that failed, not the chain of skips after it.
            let causes = unavailable
            unavailable[address] = outcome.change.dependsOn.compactMap { causes[$0] }.first
                ?? "\(outcome.change.action.rawValue) \(address) was skipped"
        case .blocked(let reason):
            unavailable[address] = reason
        }
    }
}
