import CaracalRuntime
import Manifest

/// What the planner read from a runtime: the declared zones and everything in them.
///
/// It is read with one list per kind per zone, plus one detail read per policy and policy set
/// that has to be compared (SPEC §4), and remembers a fingerprint of every object it read.
public struct LiveState: Sendable {
    /// Live zones by slug (declared zones only).
    public private(set) var zones: [String: LiveObject] = [:]
    /// Live objects by zone slug and kind.
    public private(set) var objects: [String: [ManifestKind: [LiveObject]]] = [:]
    /// Policy details (with `versions`) by policy id.
    public private(set) var policyDetails: [String: LiveObject] = [:]
    /// Policy-set version details by version id.
    public private(set) var setVersions: [String: LiveObject] = [:]
    /// `Kind/id` → fingerprint of every object read.
    public private(set) var fingerprints: [String: String] = [:]
    /// Zone slug, kind and identity (application names lower-cased) → position in ``objects``.
    private var index: [String: [ManifestKind: [String: Int]]] = [:]

    /// The most list and detail reads in flight at once.
    static let readConcurrency = 8

    /// The kinds that live inside a zone, in creation order.
    static let zoneKinds: [ManifestKind] = [.provider, .application, .resource, .policy, .policySet]

    /// Reads the zones `desired` declares and every object in them from `runtime`.
    public static func read(_ desired: DesiredState, from runtime: some Runtime) async throws(RuntimeError) -> LiveState {
        var state = try await readZones(desired, from: runtime)
        let contents = try await concurrently(state.zones.sorted { $0.key < $1.key }) { (zone: (key: String, value: LiveObject)) async throws(RuntimeError) in
            try await LiveState.readContents(ofZone: zone.key, zone.value, desired: desired, from: runtime)
        }
        state.merge(contents)
        return state
    }

    /// Reads the zones `desired` declares, without what is in them.
    static func readZones(_ desired: DesiredState, from runtime: some Runtime) async throws(RuntimeError) -> LiveState {
        var state = LiveState()
        let declared = desired.zones
        let needsListing = declared.contains { zone in
            if case .zone(let spec) = zone.spec { return !(spec.external && spec.id != nil) }
            return true
        }
        let listed = needsListing ? try await runtime.list(.zone, zoneID: nil) : []
        let bySlug = Dictionary(listed.map { ($0.identity, $0) }, uniquingKeysWith: { first, _ in first })
        for zone in declared {
            guard case .zone(let spec) = zone.spec else { continue }
            if let live = bySlug[zone.name] {
                state.record(live, zone: zone.name)
            } else if spec.external, let id = spec.id {
                state.record(try await runtime.get(.zone, id: id, zoneID: nil), zone: zone.name)
            } else if spec.external {
                throw RuntimeError(status: 404, code: "zone_not_found", message: "External zone '\(zone.name)' does not exist in \(runtime.identity); create it there, or remove 'external: true' so caracal-apply creates it.")
            }
        }
        return state
    }

    /// Reads what one live zone holds: one list per kind, then the details its declared
    /// policies and sets need. The result holds only that zone; ``merge(_:)`` joins zones.
    static func readContents(ofZone slug: String, _ zone: LiveObject, desired: DesiredState, from runtime: some Runtime) async throws(RuntimeError) -> LiveState {
        var state = LiveState()
        state.zones[slug] = zone
        let lists = try await concurrently(zoneKinds) { (kind: ManifestKind) async throws(RuntimeError) in
            try await runtime.list(kind, zoneID: zone.id)
        }
        state.fingerprints.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for (kind, items) in zip(zoneKinds, lists) {
            var active: [LiveObject] = []
            var positions: [String: Int] = [:]
            active.reserveCapacity(items.count)
            positions.reserveCapacity(items.count)
            for item in items where !item.isArchived {
                let key = kind == .application ? item.identity.lowercased() : item.identity
                if positions[key] == nil { positions[key] = active.count }
                active.append(item)
                state.fingerprints["\(kind.rawValue)/\(item.id)"] = item.fingerprint
            }
            state.objects[slug, default: [:]][kind] = active
            state.index[slug, default: [:]][kind] = positions
        }
        try await state.readDetails(for: desired, from: runtime)
        return state
    }

    /// Adds the zones' contents read by ``readContents(ofZone:_:desired:from:)``; the zones
    /// themselves are already here, from ``readZones(_:from:)``.
    mutating func merge(_ contents: [LiveState]) {
        // Sized once: at 100,000 objects, growing the table step by step cost more than filling it.
        fingerprints.reserveCapacity(contents.reduce(fingerprints.count) { $0 + $1.fingerprints.count })
        for zone in contents {
            objects.merge(zone.objects) { _, new in new }
            index.merge(zone.index) { _, new in new }
            policyDetails.merge(zone.policyDetails) { _, new in new }
            setVersions.merge(zone.setVersions) { _, new in new }
            fingerprints.merge(zone.fingerprints) { _, new in new }
        }
    }

    /// The live object of a kind in a zone with the given identity.
    public func object(_ kind: ManifestKind, zone: String, identity: String) -> LiveObject? {
        // Application names are unique case-insensitively, as Caracal compares them.
        let key = kind == .application ? identity.lowercased() : identity
        guard let position = index[zone]?[kind]?[key] else { return nil }
        return objects[zone]?[kind]?[position]
    }

    /// Every live object of a kind in a zone.
    public func objects(_ kind: ManifestKind, zone: String) -> [LiveObject] {
        objects[zone]?[kind] ?? []
    }

    private mutating func record(_ zone: LiveObject, zone slug: String) {
        zones[slug] = zone
        fingerprints["Zone/\(zone.id)"] = zone.fingerprint
    }

    /// Policy details for declared policies, and active versions of declared sets.
    private mutating func readDetails(for desired: DesiredState, from runtime: some Runtime) async throws(RuntimeError) {
        var policyReads: [(String, String)] = []
        var setReads: [(String, String, String)] = []
        for (slug, zone) in zones {
            for object in desired.objects(ofKind: .policy, inZone: slug) {
                if let live = self.object(.policy, zone: slug, identity: object.identity) {
                    policyReads.append((zone.id, live.id))
                }
            }
            for object in desired.objects(ofKind: .policySet, inZone: slug) {
                if let live = self.object(.policySet, zone: slug, identity: object.identity),
                   let version = live.string("active_version_id") {
                    setReads.append((zone.id, live.id, version))
                }
            }
        }
        let policies = try await Self.concurrently(policyReads) { (read: (String, String)) async throws(RuntimeError) in
            try await runtime.get(.policy, id: read.1, zoneID: read.0)
        }
        for detail in policies {
            policyDetails[detail.id] = detail
            fingerprints["Policy/\(detail.id)"] = detail.fingerprint
        }
        let versions = try await Self.concurrently(setReads) { (read: (String, String, String)) async throws(RuntimeError) in
            try await runtime.policySetVersion(zoneID: read.0, policySetID: read.1, versionID: read.2)
        }
        for version in versions {
            let id = version.string("version_id") ?? version.id
            setVersions[id] = version
            fingerprints["PolicySetVersion/\(id)"] = version.fingerprint
        }
    }

    /// Runs `work` over `items` with at most ``readConcurrency`` in flight, keeping input order.
    static func concurrently<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ work: @escaping @Sendable (Item) async throws(RuntimeError) -> Result
    ) async throws(RuntimeError) -> [Result] {
        do {
            return try await withThrowingTaskGroup(of: (Int, Result).self) { group in
                var results = [Result?](repeating: nil, count: items.count)
                var next = 0
                func launch() {
                    let index = next
                    let item = items[index]
                    group.addTask { (index, try await work(item)) }
                    next += 1
                }
                while next < min(items.count, readConcurrency) { launch() }
                while let (index, result) = try await group.next() {
                    results[index] = result
                    if next < items.count { launch() }
                }
                return results.map { $0! }
            }
        } catch let error as RuntimeError {
            throw error
        } catch {
            throw RuntimeError(status: 0, code: "internal_error", message: "A read was interrupted: \(error).")
        }
    }
}
