import Manifest

/// What a stored record is: one of the six manifest kinds, or a policy or policy-set version.
enum RecordKind: String, Sendable, Hashable, CaseIterable {
    case zone
    case application
    case provider
    case resource
    case policy
    case policyVersion = "policy_version"
    case policySet = "policy_set"
    case policySetVersion = "policy_set_version"

    init(_ kind: ManifestKind) {
        switch kind {
        case .zone: self = .zone
        case .application: self = .application
        case .provider: self = .provider
        case .resource: self = .resource
        case .policy: self = .policy
        case .policySet: self = .policySet
        }
    }

    /// The manifest kind, for the six top-level kinds.
    var manifestKind: ManifestKind? {
        switch self {
        case .zone: return .zone
        case .application: return .application
        case .provider: return .provider
        case .resource: return .resource
        case .policy: return .policy
        case .policySet: return .policySet
        case .policyVersion, .policySetVersion: return nil
        }
    }

    /// The Admin API's name in codes: `zone_not_found`, `policy_set_not_found`.
    var codeName: String {
        switch self {
        case .policyVersion: return "version"
        case .policySetVersion: return "policy_set_version"
        default: return rawValue
        }
    }

    /// How a person names the kind in a sentence.
    var displayName: String {
        switch self {
        case .zone: return "Zone"
        case .application: return "Application"
        case .provider: return "Provider"
        case .resource: return "Resource"
        case .policy: return "Policy"
        case .policyVersion: return "Policy version"
        case .policySet: return "Policy set"
        case .policySetVersion: return "Policy-set version"
        }
    }

    /// The field that identifies the record within its zone, if any.
    var identityField: String? {
        switch self {
        case .zone: return "slug"
        case .application, .policy, .policySet: return "name"
        case .provider, .resource: return "identifier"
        case .policyVersion, .policySetVersion: return nil
        }
    }

    /// The field naming the record's parent (a version's policy or set).
    var parentField: String? {
        switch self {
        case .policyVersion: return "policy_id"
        case .policySetVersion: return "policy_set_id"
        default: return nil
        }
    }
}
