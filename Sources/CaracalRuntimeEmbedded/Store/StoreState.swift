import CaracalRuntime
import Manifest

/// Everything the embedded runtime holds, with the indexes its reads and checks need.
///
/// A value type: the actor owns one, the snapshot writer works on a copy. Every change goes
/// through ``apply(_:)`` — the same call that replays a journal record — so what is in memory
/// and what a reload rebuilds cannot drift apart.
struct StoreState: Sendable {
    /// Records of one kind in one zone (zones themselves use the empty zone id).
    struct Scope: Hashable, Sendable {
        var zoneID: String
        var kind: RecordKind
    }

    /// An identity within a scope; applications compare names case-insensitively.
    struct IdentityKey: Hashable, Sendable {
        var zoneID: String
        var kind: RecordKind
        var key: String
    }

    private(set) var objects: [String: StoredObject] = [:]
    /// Ids per scope in creation order (ascending `created_at`, then id).
    private(set) var order: [Scope: [String]] = [:]
    private(set) var activeIdentities: [IdentityKey: String] = [:]
    /// Every zone slug in use, archived zones included (the Admin API's unique index is not partial).
    private(set) var zoneSlugs: [String: String] = [:]
    /// Every resource identifier ever used per zone: derivation skips archived ones too.
    private(set) var usedIdentifiers: Set<IdentityKey> = []
    /// Version ids per policy or policy set, oldest first.
    private(set) var versions: [String: [String]] = [:]
    private(set) var activeCounts: [Scope: Int] = [:]
    /// The sequence number of the last journal record applied.
    var sequence: UInt64 = 0
    var minter = IDMinter()
    private var needsSorting = false

    /// The key under which `identity` is unique.
    static func identityKey(_ kind: RecordKind, zoneID: String, identity: String) -> IdentityKey {
        IdentityKey(zoneID: zoneID, kind: kind, key: kind == .application ? identity.lowercased() : identity)
    }

    /// Adds or replaces a record, keeping every index current.
    mutating func apply(_ record: StoredObject) {
        var object = record.compacted
        // Share the zone's id string instead of keeping one copy per object.
        if !object.zoneID.isEmpty, let zone = objects[object.zoneID] { object.zoneID = zone.id }
        let scope = Scope(zoneID: object.zoneID, kind: object.kind)
        let hasIdentity = object.kind.identityField != nil
        if let old = objects[object.id] {
            if hasIdentity, !old.isArchived {
                let key = Self.identityKey(old.kind, zoneID: old.zoneID, identity: old.identity)
                if activeIdentities[key] == old.id { activeIdentities[key] = nil }
            }
            if old.kind == .zone, old.identity != object.identity, zoneSlugs[old.identity] == old.id {
                zoneSlugs[old.identity] = nil
            }
            if !old.isArchived { activeCounts[scope, default: 0] -= 1 }
        } else {
            if let last = order[scope]?.last, let lastObject = objects[last],
               (lastObject.createdAt, lastObject.id) > (object.createdAt, object.id) {
                needsSorting = true
            }
            order[scope, default: []].append(object.id)
            if !object.parentID.isEmpty { versions[object.parentID, default: []].append(object.id) }
        }
        objects[object.id] = object
        if hasIdentity, !object.isArchived {
            activeIdentities[Self.identityKey(object.kind, zoneID: object.zoneID, identity: object.identity)] = object.id
        }
        if !object.isArchived { activeCounts[scope, default: 0] += 1 }
        if object.kind == .zone { zoneSlugs[object.identity] = object.id }
        if object.kind == .resource {
            usedIdentifiers.insert(IdentityKey(zoneID: object.zoneID, kind: .resource, key: object.identity))
        }
    }

    /// Restores list order after loading records written out of order, and moves the id clock
    /// past every stored timestamp.
    mutating func finishLoading() {
        if needsSorting {
            for (scope, ids) in order {
                order[scope] = ids.sorted { lhs, rhs in
                    let a = objects[lhs]!, b = objects[rhs]!
                    return (a.createdAt, a.id) < (b.createdAt, b.id)
                }
            }
            for (parent, ids) in versions {
                versions[parent] = ids.sorted { lhs, rhs in
                    let a = objects[lhs]!, b = objects[rhs]!
                    return (a.createdAt, a.id) < (b.createdAt, b.id)
                }
            }
            needsSorting = false
        }
        var newest: Int64 = 0
        for object in objects.values where object.createdAt > newest { newest = object.createdAt }
        minter.advance(pastMillis: newest)
    }

    // MARK: Reads

    func object(_ id: String) -> StoredObject? { objects[id] }

    /// The active record of `kind` in `zoneID` whose identity is `identity`.
    func active(_ kind: RecordKind, zoneID: String, identity: String) -> StoredObject? {
        activeIdentities[Self.identityKey(kind, zoneID: zoneID, identity: identity)].flatMap { objects[$0] }
    }

    /// Active records of a kind in a zone, newest first (`created_at DESC, id DESC`).
    func list(_ kind: RecordKind, zoneID: String) -> [StoredObject] {
        guard let ids = order[Scope(zoneID: zoneID, kind: kind)] else { return [] }
        var result: [StoredObject] = []
        result.reserveCapacity(activeCounts[Scope(zoneID: zoneID, kind: kind)] ?? 0)
        for id in ids.reversed() {
            if let object = objects[id], !object.isArchived { result.append(object) }
        }
        return result
    }

    /// How many active records of a kind a zone holds.
    func activeCount(_ kind: RecordKind, zoneID: String) -> Int {
        activeCounts[Scope(zoneID: zoneID, kind: kind)] ?? 0
    }

    /// The versions of a policy or policy set, oldest first.
    func versionIDs(of parentID: String) -> [String] { versions[parentID] ?? [] }

    /// Whether a zone slug was ever taken.
    func isZoneSlugTaken(_ slug: String) -> Bool { zoneSlugs[slug] != nil }

    /// Whether a resource identifier was ever used in the zone.
    func isResourceIdentifierUsed(_ identifier: String, zoneID: String) -> Bool {
        usedIdentifiers.contains(IdentityKey(zoneID: zoneID, kind: .resource, key: identifier))
    }

    /// Every record in creation order, for the snapshot.
    var allObjectsInOrder: [StoredObject] {
        var result: [StoredObject] = []
        result.reserveCapacity(objects.count)
        // Zones first, so a reader of the snapshot meets each zone before its children.
        for kind in RecordKind.allCases {
            for (scope, ids) in order where scope.kind == kind {
                for id in ids { result.append(objects[id]!) }
            }
        }
        return result
    }
}
