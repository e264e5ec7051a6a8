/// Everything the manifests declare, indexed for the planner and the validator.
public struct DesiredState: Sendable {
    /// Every object, in creation order (kind, zone, name).
    public private(set) var objects: [ManifestObject]
    private var byAddress: [ObjectAddress: Int] = [:]
    private var byZone: [String: [Int]] = [:]
    /// Positions of the zones, so that listing them does not visit (and copy) every object.
    private var zonePositions: [Int] = []
    /// The digest, computed on first use; the objects never change after init.
    let digestCache = LazyValue<String>()

    public init(objects: [ManifestObject]) {
        // Each address is made once, not at every comparison of the sort; sorting positions
        // (a stable sort, like sorting the objects) gives the same order.
        let addresses = objects.map(\.address)
        let order = addresses.indices.sorted { addresses[$0] < addresses[$1] }
        self.objects = order.map { objects[$0] }
        byAddress.reserveCapacity(objects.count)
        for (index, position) in order.enumerated() {
            let address = addresses[position]
            byAddress.storeIfAbsent(index, forKey: address)
            byZone[address.zone, default: []].append(index)
            if address.kind == .zone { zonePositions.append(index) }
        }
    }

    /// The object at `address`, if declared.
    public func object(at address: ObjectAddress) -> ManifestObject? {
        byAddress[address].map { objects[$0] }
    }

    /// The declared zones, sorted by slug.
    public var zones: [ManifestObject] { zonePositions.map { objects[$0] } }

    /// The zone's own spec, if the zone is declared.
    public func zone(_ slug: String) -> ZoneSpec? {
        if case .zone(let spec)? = object(at: ObjectAddress(kind: .zone, zone: slug, name: slug))?.spec { return spec }
        return nil
    }

    /// The objects of a kind in a zone, sorted by name.
    public func objects(ofKind kind: ManifestKind, inZone zone: String) -> [ManifestObject] {
        // Positions are filtered before objects are copied: a copy retains every part of an
        // object, and at 100,000 objects those parts are rarely in the cache.
        (byZone[zone] ?? []).filter { objects[$0].kind == kind }.map { objects[$0] }
    }

    /// Every object in a zone other than the zone itself, in creation order.
    public func members(ofZone zone: String) -> [ManifestObject] {
        (byZone[zone] ?? []).filter { objects[$0].kind != .zone }.map { objects[$0] }
    }

    /// The declared objects of a kind, in order.
    public func objects(ofKind kind: ManifestKind) -> [ManifestObject] {
        objects.indices.filter { objects[$0].kind == kind }.map { objects[$0] }
    }
}
