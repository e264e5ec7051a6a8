import Manifest

/// An Admin API route `serve` answers, parsed from a request path (reference §1–§6).
enum AdminRoute: Sendable, Equatable {
    case zones
    case zone(id: String)
    case collection(ManifestKind, zone: String)
    case object(ManifestKind, zone: String, id: String)
    case policyVersions(zone: String, policy: String)
    case setVersions(zone: String, set: String)
    case setVersion(zone: String, set: String, version: String)
    case activate(zone: String, set: String)
    case activationStatus(zone: String, set: String)
    case simulate(zone: String, set: String)
    case validate
    case adminTokens
    case auditDecisions
    case auditDecision(requestID: String)

    /// The route for a path under `/v1`, or `nil` when no route matches.
    init?(path: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        guard parts.first == "v1" else { return nil }
        let rest = Array(parts.dropFirst())
        switch rest.count {
        case 1 where rest[0] == "zones": self = .zones
        case 1 where rest[0] == "admin-tokens": self = .adminTokens
        case 2 where rest[0] == "zones": self = .zone(id: rest[1])
        case 2 where rest == ["policies", "validate"]: self = .validate
        case 2 where rest == ["audit", "decisions"]: self = .auditDecisions
        case 3 where rest[0] == "audit" && rest[1] == "decisions": self = .auditDecision(requestID: rest[2])
        case 3 where rest[0] == "zones":
            guard let kind = Self.kind(rest[2]) else { return nil }
            self = .collection(kind, zone: rest[1])
        case 4 where rest[0] == "zones":
            guard let kind = Self.kind(rest[2]) else { return nil }
            self = .object(kind, zone: rest[1], id: rest[3])
        case 5 where rest[0] == "zones" && rest[2] == "policies" && rest[4] == "versions":
            self = .policyVersions(zone: rest[1], policy: rest[3])
        case 5 where rest[0] == "zones" && rest[2] == "policy-sets":
            switch rest[4] {
            case "versions": self = .setVersions(zone: rest[1], set: rest[3])
            case "activate": self = .activate(zone: rest[1], set: rest[3])
            case "activation-status": self = .activationStatus(zone: rest[1], set: rest[3])
            case "simulate": self = .simulate(zone: rest[1], set: rest[3])
            default: return nil
            }
        case 6 where rest[0] == "zones" && rest[2] == "policy-sets" && rest[4] == "versions":
            self = .setVersion(zone: rest[1], set: rest[3], version: rest[5])
        default:
            return nil
        }
    }

    /// The methods the route accepts.
    var methods: Set<String> {
        switch self {
        case .zones, .collection, .setVersions: return ["GET", "POST"]
        case .zone, .object(.application, _, _), .object(.provider, _, _), .object(.resource, _, _): return ["GET", "PATCH", "DELETE"]
        case .object: return ["GET", "DELETE"]
        case .policyVersions, .activate, .simulate, .validate, .adminTokens: return ["POST"]
        case .setVersion, .activationStatus, .auditDecisions, .auditDecision: return ["GET"]
        }
    }

    /// The ids in the path, which must match the Admin API's id pattern.
    var pathIDs: [String] {
        switch self {
        case .zones, .validate, .adminTokens, .auditDecisions: return []
        case .zone(let id): return [id]
        case .collection(_, let zone): return [zone]
        case .object(_, let zone, let id): return [zone, id]
        case .policyVersions(let zone, let id), .setVersions(let zone, let id), .activate(let zone, let id),
             .activationStatus(let zone, let id), .simulate(let zone, let id): return [zone, id]
        case .setVersion(let zone, let set, let version): return [zone, set, version]
        case .auditDecision(let id): return [id]
        }
    }

    /// The zone a zone-scoped token must own to use this route; `nil` for routes outside zones.
    var zoneID: String? {
        switch self {
        case .zones, .validate, .adminTokens, .auditDecisions, .auditDecision: return nil
        case .zone(let id): return id
        default: return pathIDs.first
        }
    }

    private static func kind(_ segment: String) -> ManifestKind? {
        switch segment {
        case "applications": return .application
        case "providers": return .provider
        case "resources": return .resource
        case "policies": return .policy
        case "policy-sets": return .policySet
        default: return nil
        }
    }
}
