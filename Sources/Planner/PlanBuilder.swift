import CaracalRuntime
import Manifest

/// Computes a ``Plan``: what applying (or destroying) the manifests would change (SPEC §4).
public struct PlanBuilder: Sendable {
    /// What the plan is for.
    public enum Mode: Sendable {
        /// Make live state match the manifests.
        case apply
        /// Delete what the manifests declare, in reverse order.
        case destroy
    }

    public var desired: DesiredState
    public var mode: Mode
    /// When not empty, only these objects and what they depend on.
    public var targets: [ObjectAddress]

    public init(desired: DesiredState, mode: Mode = .apply, targets: [ObjectAddress] = []) {
        self.desired = desired
        self.mode = mode
        self.targets = targets
    }

    /// Reads live state from `runtime` and plans against it.
    public func plan(against runtime: some Runtime) async throws(RuntimeError) -> (plan: Plan, live: LiveState) {
        guard mode == .apply else {
            let live = try await LiveState.read(desired, from: runtime)
            return (try await plan(live: live, runtime: runtime), live)
        }
        // Each zone is compared as soon as it is read, while its objects are still in the
        // processor's caches. Reading every zone first and comparing after met most objects in
        // main memory again: at 100,000 objects that cost about a quarter more per object than at
        // 10,000.
        var live = try await LiveState.readZones(desired, from: runtime)
        let liveZones = live.zones
        let zones = try await planZones(runtime: runtime) { (zoneObject: ManifestObject) async throws(RuntimeError) in
            guard let zone = liveZones[zoneObject.name] else { return LiveState() }
            return try await LiveState.readContents(ofZone: zoneObject.name, zone, desired: desired, from: runtime)
        }
        live.merge(zones.map(\.live))
        return (finish(zones.map(\.builder), live: live, runtime: runtime), live)
    }

    /// Plans against live state already read from `runtime`.
    public func plan(live: LiveState, runtime: some Runtime) async throws(RuntimeError) -> Plan {
        switch mode {
        case .apply:
            let zones = try await planZones(runtime: runtime) { _ async throws(RuntimeError) in live }
            return finish(zones.map(\.builder), live: live, runtime: runtime)
        case .destroy:
            var builder = Builder(desired: desired, live: live)
            builder.planDestroy()
            return finish([builder], live: live, runtime: runtime)
        }
    }

    /// Plans every declared zone against the live state `read` gives for it, several zones at
    /// once; the results come back in zone order.
    ///
    /// Zones are planned independently (an object depends only on objects of its own zone), so
    /// the plan is the same as a zone-by-zone run's, and the comparing takes every core.
    private func planZones(
        runtime: some Runtime, live read: @escaping @Sendable (ManifestObject) async throws(RuntimeError) -> LiveState
    ) async throws(RuntimeError) -> [(live: LiveState, builder: Builder)] {
        try await LiveState.concurrently(desired.zones) { (zoneObject: ManifestObject) async throws(RuntimeError) in
            let live = try await read(zoneObject)
            var builder = Builder(desired: desired, live: live)
            try await builder.planZone(zoneObject, runtime: runtime)
            return (live, builder)
        }
    }

    /// The plan made of `builders`' work, in dependency order.
    private func finish(_ builders: [Builder], live: LiveState, runtime: some Runtime) -> Plan {
        var changes = builders.flatMap(\.changes)
        if !targets.isEmpty { changes = Self.restrict(changes, to: targets) }
        changes.sort { ($0.wave, $0.address.zone, $0.address.name) < ($1.wave, $1.address.zone, $1.address.name) }
        return Plan(
            runtime: runtime.identity, changes: changes, unmanaged: builders.flatMap(\.unmanaged),
            notes: builders.flatMap(\.notes), manifestDigest: desired.digest, fingerprints: live.fingerprints)
    }

    /// The changes to `targets` and everything they depend on.
    static func restrict(_ changes: [PlanChange], to targets: [ObjectAddress]) -> [PlanChange] {
        var wanted = Set(targets)
        var pending = targets
        let byAddress = Dictionary(grouping: changes, by: \.address)
        while let address = pending.popLast() {
            for change in byAddress[address] ?? [] {
                for dependency in change.dependsOn where wanted.insert(dependency).inserted {
                    pending.append(dependency)
                }
            }
        }
        return changes.filter { wanted.contains($0.address) }
    }
}

/// The mutable work of one planning run.
private struct Builder: Sendable {
    let desired: DesiredState
    let live: LiveState
    let ids: IDLookup
    var changes: [PlanChange] = []
    var unmanaged: [UnmanagedObject] = []
    var notes: [PlanNote] = []
    /// Objects that will be created or get new content in this plan, which others then wait for.
    var pending: Set<ObjectAddress> = []
    /// Each policy's request body, built once: it renders the policy's Rego, and the policy sets
    /// that name the policy read it again. Other objects' bodies are read once, so they are not
    /// kept (keeping 100,000 of them cost more than building them).
    var policyBodies: [ObjectAddress: RequestBody] = [:]

    init(desired: DesiredState, live: LiveState) {
        self.desired = desired
        self.live = live
        ids = IDLookup(
            applicationID: { zone, name in live.object(.application, zone: zone, identity: name)?.id },
            providerID: { zone, name in
                desired.object(at: ObjectAddress(kind: .provider, zone: zone, name: name))
                    .flatMap { live.object(.provider, zone: zone, identity: $0.identity)?.id }
            })
    }

    // MARK: Apply

    /// Plans a declared zone and every object in it.
    mutating func planZone(_ zoneObject: ManifestObject, runtime: some Runtime) async throws(RuntimeError) {
        guard case .zone(let zone) = zoneObject.spec else { return }
        let slug = zoneObject.name
        let secretMatches = try await secretComparisons(zone: slug, runtime: runtime)
        let liveZone = live.zones[slug]
        if let liveZone {
            if !zone.external { compare(zoneObject, with: liveZone, zoneID: nil, secretsMatch: nil) }
        } else {
            add(PlanChange(address: zoneObject.address, action: .create, fields: body(zoneObject).planFields))
        }
        var matched: Set<String> = []
        for object in desired.members(ofZone: slug) {
            let liveObject = live.object(object.kind, zone: slug, identity: object.identity)
            if let liveObject { matched.insert(liveObject.id) }
            switch object.spec {
            case .policy(let policy): planPolicy(object, policy, liveObject, zoneID: liveZone?.id)
            case .policySet(let set): planPolicySet(object, set, liveObject, zoneID: liveZone?.id)
            default:
                if let liveObject {
                    compare(object, with: liveObject, zoneID: liveZone?.id, secretsMatch: secretMatches[liveObject.id] ?? nil)
                } else {
                    add(PlanChange(address: object.address, action: .create, zoneID: liveZone?.id,
                                   fields: body(object).planFields, dependsOn: dependencies(of: object)))
                }
            }
        }
        if let liveZone { collectUnmanaged(zone: slug, zoneID: liveZone.id, prune: zone.prune, matched: matched) }
    }

    private mutating func compare(_ object: ManifestObject, with liveObject: LiveObject, zoneID: String?, secretsMatch: Bool?) {
        let result = ObjectComparison(object: object, live: liveObject, desired: body(object)).differences(secretsMatch: secretsMatch)
        notes += result.notes.map { PlanNote(address: object.address, message: $0) }
        guard !result.fields.isEmpty else { return }
        add(PlanChange(address: object.address, action: .update, liveID: liveObject.id, zoneID: zoneID,
                       fields: result.fields, dependsOn: dependencies(of: object)))
    }

    private mutating func planPolicy(_ object: ManifestObject, _ policy: PolicySpec, _ liveObject: LiveObject?, zoneID: String?) {
        let content = body(object).fields["content"]?.stringValue
        guard let liveObject else {
            add(PlanChange(address: object.address, action: .create, zoneID: zoneID,
                           fields: (body(object).planFields + [hashField(before: nil, content: content)]).sorted { $0.path < $1.path },
                           dependsOn: dependencies(of: object)))
            return
        }
        noteCreateOnlyFields(object, liveObject)
        let latest = latestVersion(of: liveObject)
        let liveHash = latest?.string("content_sha256")
        if let content, SHA256.hex(content) == liveHash { return }
        var fields = [hashField(before: liveHash, content: content)]
        fields.append(FieldChange(
            path: "content", before: latest?.string("content").map { .value(.string($0)) } ?? .absent,
            after: content.map { .value(.string($0)) } ?? .knownAfterApply))
        add(PlanChange(address: object.address, action: .newVersion, liveID: liveObject.id, zoneID: zoneID,
                       fields: fields, dependsOn: dependencies(of: object)))
    }

    private mutating func planPolicySet(_ object: ManifestObject, _ set: PolicySetSpec, _ liveObject: LiveObject?, zoneID: String?) {
        if let liveObject {
            noteCreateOnlyFields(object, liveObject)
        } else {
            add(PlanChange(address: object.address, action: .create, zoneID: zoneID,
                           fields: body(object).planFields, dependsOn: dependencies(of: object)))
        }
        guard set.activate else { return }
        let desiredHashes = set.policies.map { name -> String? in
            guard let policy = desired.object(at: ObjectAddress(kind: .policy, zone: object.zone, name: name)),
                  let content = body(policy).fields["content"]?.stringValue else { return nil }
            return SHA256.hex(content)
        }
        let activeVersion = liveObject?.string("active_version_id").flatMap { live.setVersions[$0] }
        let liveHashes = activeVersion.map(Self.policyHashes) ?? []
        let after: PlanValue = desiredHashes.contains(nil) ? .knownAfterApply : .value(.array(desiredHashes.map { .string($0!) }))
        let before: PlanValue = activeVersion == nil ? .absent : .value(.array(liveHashes.map(RegoValue.string)))
        if activeVersion != nil, after == before { return }
        var fields: [FieldChange] = []
        let livePolicies: PlanValue = activeVersion == nil ? .absent
            : .value(.array(Self.policyNames(activeVersion, live: live, zone: object.zone).map(RegoValue.string)))
        let desiredPolicies = PlanValue.value(.array(set.policies.map(RegoValue.string)))
        if livePolicies != desiredPolicies {
            fields.append(FieldChange(path: "policies", before: livePolicies, after: desiredPolicies))
        }
        fields.append(FieldChange(path: "policy_content_sha256", before: before, after: after))
        if liveObject != nil, activeVersion == nil {
            fields.append(FieldChange(path: "active", before: .value(.bool(false)), after: .value(.bool(true))))
        }
        var dependencies = set.policies.map { ObjectAddress(kind: .policy, zone: object.zone, name: $0) }.filter { pending.contains($0) }
        if liveObject == nil { dependencies.insert(object.address, at: 0) }
        changes.append(PlanChange(address: object.address, action: .activate, liveID: liveObject?.id, zoneID: zoneID,
                                  fields: fields, dependsOn: dependencies))
    }

    private mutating func collectUnmanaged(zone: String, zoneID: String, prune: Bool, matched: Set<String>) {
        for kind in LiveState.zoneKinds {
            for object in live.objects(kind, zone: zone) where !matched.contains(object.id) {
                let reserved = Self.isReserved(object)
                var item = UnmanagedObject(kind: kind, zone: zone, identity: object.identity, id: object.id)
                if reserved {
                    item.keptBecause = "reserved by Caracal"
                } else if !prune {
                    item.keptBecause = "zone '\(zone)' does not prune"
                }
                unmanaged.append(item)
                if prune, !reserved {
                    changes.append(PlanChange(address: item.address, action: .delete, liveID: object.id, zoneID: zoneID,
                                              fields: [FieldChange(path: "id", before: .value(.string(object.id)), after: .absent)]))
                }
            }
        }
    }

    // MARK: Destroy

    mutating func planDestroy() {
        var protectedZones: Set<String> = []
        for object in desired.objects.reversed() where object.kind != .zone {
            guard let liveZone = live.zones[object.zone],
                  let liveObject = live.object(object.kind, zone: object.zone, identity: object.identity) else { continue }
            if object.protect {
                protectedZones.insert(object.zone)
                notes.append(PlanNote(address: object.address, message: "Kept: metadata.protect is true, so destroy never deletes it."))
                continue
            }
            if object.kind == .policySet, liveObject.string("active_version_id") != nil {
                notes.append(PlanNote(address: object.address, message: "This is the zone's active policy set; once it is deleted the zone denies every request."))
            }
            changes.append(PlanChange(address: object.address, action: .delete, liveID: liveObject.id, zoneID: liveZone.id,
                                      fields: [FieldChange(path: "id", before: .value(.string(liveObject.id)), after: .absent)]))
        }
        for zone in desired.zones {
            guard case .zone(let spec) = zone.spec, let liveZone = live.zones[zone.name] else { continue }
            if spec.external {
                notes.append(PlanNote(address: zone.address, message: "Kept: the zone is external, managed outside these manifests."))
            } else if zone.protect || protectedZones.contains(zone.name) {
                notes.append(PlanNote(address: zone.address, message: zone.protect
                    ? "Kept: metadata.protect is true, so destroy never deletes it."
                    : "Kept: it holds protected objects, and deleting the zone would take them with it."))
            } else {
                notes.append(PlanNote(address: zone.address, message: "Caracal keeps a deleted zone's slug taken for good, so this zone cannot be created again under the slug '\(zone.name)'."))
                changes.append(PlanChange(address: zone.address, action: .delete, liveID: liveZone.id,
                                          fields: [FieldChange(path: "id", before: .value(.string(liveZone.id)), after: .absent)]))
            }
        }
    }

    // MARK: Helpers

    /// Policies and sets have no updatable fields; a differing description is only noted.
    private mutating func noteCreateOnlyFields(_ object: ManifestObject, _ liveObject: LiveObject) {
        let comparison = ObjectComparison(object: object, live: liveObject, desired: body(object))
        notes += comparison.differences(secretsMatch: nil).notes.map { PlanNote(address: object.address, message: $0) }
    }

    private mutating func add(_ change: PlanChange) {
        if change.action != .update { pending.insert(change.address) }
        changes.append(change)
    }

    private mutating func body(_ object: ManifestObject) -> RequestBody {
        guard object.kind == .policy else { return RequestBody.create(for: object, ids: ids) }
        if let body = policyBodies[object.address] { return body }
        let body = RequestBody.create(for: object, ids: ids)
        policyBodies[object.address] = body
        return body
    }

    /// The objects `object` refers to that are created or changed earlier in this plan.
    private func dependencies(of object: ManifestObject) -> [ObjectAddress] {
        var result: [ObjectAddress] = []
        if object.kind != .zone { result.append(ObjectAddress(kind: .zone, zone: object.zone, name: object.zone)) }
        switch object.spec {
        case .resource(let resource):
            if let provider = resource.provider { result.append(ObjectAddress(kind: .provider, zone: object.zone, name: provider)) }
        case .policy(let policy):
            if case .data(let data) = policy.body {
                result += data.referencedApplications.map { ObjectAddress(kind: .application, zone: object.zone, name: $0) }
            }
        default:
            break
        }
        return result.filter { pending.contains($0) }
    }

    private func hashField(before: String?, content: String?) -> FieldChange {
        FieldChange(path: "content_sha256", before: before.map { .value(.string($0)) } ?? .absent,
                    after: content.map { .value(.string(SHA256.hex($0))) } ?? .knownAfterApply)
    }

    private func latestVersion(of policy: LiveObject) -> LiveObject? {
        guard case .array(let versions)? = live.policyDetails[policy.id]?["versions"],
              case .object(let newest)? = versions.first else { return nil }
        return LiveObject(kind: .policy, fields: newest)
    }

    private static func policyHashes(_ version: LiveObject) -> [String] {
        guard case .array(let policies)? = version["policies"] else { return [] }
        return policies.compactMap { $0["content_sha256"]?.stringValue }
    }

    private static func policyNames(_ version: LiveObject?, live: LiveState, zone: String) -> [String] {
        guard case .array(let policies)? = version?["policies"] else { return [] }
        let names = Dictionary(live.objects(.policy, zone: zone).map { ($0.id, $0.identity) }, uniquingKeysWith: { first, _ in first })
        return policies.compactMap { entry in
            entry["policy_id"]?.stringValue.map { names[$0] ?? $0 }
        }
    }

    /// Objects Caracal owns, which prune never deletes.
    private static func isReserved(_ object: LiveObject) -> Bool {
        let identity = object.identity
        return identity.hasPrefix("caracal.sys/") || identity.hasPrefix("provider://caracal-sys-")
            || identity.hasPrefix("caracal-sys://") || identity == "caracal-control"
    }

    /// Asks the runtime whether stored secrets still equal the manifests', for the zone's
    /// providers.
    private func secretComparisons(zone slug: String, runtime: some Runtime) async throws(RuntimeError) -> [String: Bool?] {
        var reads: [(String, String, [String: String])] = []
        for object in desired.objects(ofKind: .provider, inZone: slug) {
            guard case .provider(let spec) = object.spec, !spec.secrets.isEmpty,
                  let zone = live.zones[object.zone], let liveObject = live.object(.provider, zone: object.zone, identity: object.identity)
            else { continue }
            reads.append((zone.id, liveObject.id, spec.secrets.mapValues(\.revealedValue)))
        }
        let results = try await LiveState.concurrently(reads) { (read: (String, String, [String: String])) async throws(RuntimeError) in
            (read.1, try await runtime.secretsMatch(zoneID: read.0, providerID: read.1, secrets: read.2))
        }
        return Dictionary(results.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
    }
}
