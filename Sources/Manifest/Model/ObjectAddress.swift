/// The address of a declared object: `Zone/production`, `Resource/production/pipernet`.
///
/// Addresses name objects by kind, zone and `metadata.name`; they are what `--target` takes and
/// what plans and diagnostics print.
public struct ObjectAddress: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public var kind: ManifestKind
    /// The zone's slug; for a Zone, its own slug.
    public var zone: String
    /// `metadata.name`.
    public var name: String

    public init(kind: ManifestKind, zone: String, name: String) {
        self.kind = kind
        self.zone = zone
        self.name = name
    }

    public var description: String {
        kind == .zone ? "Zone/\(name)" : "\(kind.rawValue)/\(zone)/\(name)"
    }

    /// Parses `Kind/zone/name` or `Zone/name`; `nil` when the text is not an address.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let kind = ManifestKind.allCases.first(where: { $0.rawValue.lowercased() == parts.first?.lowercased() }) else {
            return nil
        }
        switch (kind, parts.count) {
        case (.zone, 2) where !parts[1].isEmpty:
            self.init(kind: .zone, zone: parts[1], name: parts[1])
        case (_, 3) where kind != .zone && !parts[1].isEmpty && !parts[2].isEmpty:
            self.init(kind: kind, zone: parts[1], name: parts[2])
        default:
            return nil
        }
    }

    public static func < (lhs: ObjectAddress, rhs: ObjectAddress) -> Bool {
        (lhs.kind.creationRank, lhs.zone, lhs.name) < (rhs.kind.creationRank, rhs.zone, rhs.name)
    }
}
