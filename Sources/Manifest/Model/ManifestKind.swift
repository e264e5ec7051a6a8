/// The six kinds of object a manifest can declare.
public enum ManifestKind: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case zone = "Zone"
    case application = "Application"
    case provider = "Provider"
    case resource = "Resource"
    case policy = "Policy"
    case policySet = "PolicySet"

    /// The order in which kinds are created: zones, then providers and applications, then
    /// resources, then policies, then policy sets. Deletions run in reverse.
    public var creationRank: Int {
        switch self {
        case .zone: return 0
        case .provider: return 1
        case .application: return 2
        case .resource: return 3
        case .policy: return 4
        case .policySet: return 5
        }
    }

    public static func < (lhs: ManifestKind, rhs: ManifestKind) -> Bool {
        lhs.creationRank < rhs.creationRank
    }

    /// What a person calls the object's identity field, for messages.
    public var identityField: String {
        switch self {
        case .zone: return "slug"
        case .provider, .resource: return "identifier"
        case .application, .policy, .policySet: return "name"
        }
    }
}
