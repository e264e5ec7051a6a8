import Manifest

/// A live object in a managed zone that no manifest declares.
public struct UnmanagedObject: Sendable, Hashable {
    public var kind: ManifestKind
    /// The zone's slug.
    public var zone: String
    /// Its identity: name or identifier.
    public var identity: String
    public var id: String
    /// Why it is kept when the zone prunes: reserved by Caracal, or the zone does not prune.
    public var keptBecause: String?

    public init(kind: ManifestKind, zone: String, identity: String, id: String, keptBecause: String? = nil) {
        self.kind = kind
        self.zone = zone
        self.identity = identity
        self.id = id
        self.keptBecause = keptBecause
    }

    public var address: ObjectAddress { ObjectAddress(kind: kind, zone: zone, name: identity) }
}
