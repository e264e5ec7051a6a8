import Manifest

/// An object as a Caracal runtime returns it: the Admin API's JSON fields for its kind.
///
/// Both runtimes speak in these, so the planner and reconciler never see whether they talk to
/// the embedded store or to a Caracal deployment.
public struct LiveObject: Sendable, Hashable {
    public var kind: ManifestKind
    /// The fields sorted by key, each key once.
    ///
    /// A plan holds every object of every declared zone; a sorted array costs about half the
    /// memory of a dictionary and needs no hashing to build.
    private var members: [(key: String, value: RegoValue)]

    public init(kind: ManifestKind, fields: [String: RegoValue]) {
        self.kind = kind
        self.members = fields.sorted { $0.key < $1.key }
    }

    /// An object from its fields in any order; of two fields with the same key, the later one
    /// counts. Fields already in ascending key order (as JSON from ``JSONWriter`` has them) are
    /// kept without copying.
    public init(kind: ManifestKind, members: [(key: String, value: RegoValue)]) {
        self.kind = kind
        if members.indices.dropFirst().allSatisfy({ members[$0 - 1].key < members[$0].key }) {
            self.members = members
        } else {
            self.members = Dictionary(members.lazy.map { ($0.key, $0.value) }, uniquingKeysWith: { _, later in later })
                .sorted { $0.key < $1.key }
        }
    }

    /// The object's JSON fields exactly as the Admin API returns them.
    public var fields: [String: RegoValue] {
        get { Dictionary(uniqueKeysWithValues: members.lazy.map { ($0.key, $0.value) }) }
        set { self = LiveObject(kind: kind, fields: newValue) }
    }

    public subscript(key: String) -> RegoValue? {
        var low = 0
        var high = members.count
        while low < high {
            let middle = (low + high) / 2
            if members[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low < members.count && members[low].key == key ? members[low].value : nil
    }

    public static func == (lhs: LiveObject, rhs: LiveObject) -> Bool {
        lhs.kind == rhs.kind && lhs.members.elementsEqual(rhs.members) { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(members.count)
        for member in members {
            hasher.combine(member.key)
            hasher.combine(member.value)
        }
    }

    /// A string field, or `nil` when it is absent or not a string.
    public func string(_ key: String) -> String? { self[key]?.stringValue }

    /// The server-minted id.
    public var id: String { string("id") ?? "" }

    /// The zone's id (every kind but Zone).
    public var zoneID: String? { string("zone_id") }

    /// The value that identifies the object within its zone (SPEC §3): a zone's slug, an
    /// application's, policy's or set's name, a provider's or resource's identifier.
    public var identity: String {
        switch kind {
        case .zone: return string("slug") ?? ""
        case .application, .policy, .policySet: return string("name") ?? ""
        case .provider, .resource: return string("identifier") ?? ""
        }
    }

    /// Whether the object is archived (soft-deleted).
    public var isArchived: Bool {
        if let archived = self["archived_at"], archived != .null { return true }
        return false
    }

    /// A value that changes whenever the object changes, to tell whether it changed between
    /// two reads (stale plans).
    ///
    /// The Admin API sets `updated_at` on every change to a mutable object, so its id and
    /// `updated_at` identify a revision, together with the fields that activation and new
    /// versions change (`active_version_id`, the newest version, `archived_at`). Objects without
    /// `updated_at` are fingerprinted by a digest of all their fields.
    public var fingerprint: String {
        guard let updated = string("updated_at") else {
            return SHA256.hex(kind.rawValue + "\n" + JSONWriter.compact(.object(fields)))
        }
        var revision = "\(id)@\(updated)"
        if let active = string("active_version_id") { revision += " active=\(active)" }
        if let archived = string("archived_at") { revision += " archived=\(archived)" }
        if case .array(let versions)? = self["versions"], let newest = versions.first?["id"]?.stringValue {
            revision += " versions=\(versions.count):\(newest)"
        }
        return revision
    }
}
