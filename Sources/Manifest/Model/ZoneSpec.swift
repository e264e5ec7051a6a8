/// A Zone's desired state (SPEC §3).
public struct ZoneSpec: Sendable, Hashable {
    /// The display name; `nil` when the manifest leaves it out (then `metadata.name` on create).
    public var name: String?
    /// `dcr_enabled`; `nil` when left out (then `false` on create).
    public var dcrEnabled: Bool?
    /// Whether apply deletes objects in this zone that no manifest declares.
    public var prune: Bool
    /// The zone exists and is managed elsewhere; caracal-apply never creates, changes or deletes it.
    public var external: Bool
    /// The zone's server id, for external zones reached with a zone-scoped token.
    public var id: String?

    public init(name: String? = nil, dcrEnabled: Bool? = nil, prune: Bool = false, external: Bool = false, id: String? = nil) {
        self.name = name
        self.dcrEnabled = dcrEnabled
        self.prune = prune
        self.external = external
        self.id = id
    }
}
