import Manifest

/// The fields of a policy input the contract reads, picked out in one pass.
///
/// Walking each object once and matching keys by length and then bytes costs a fraction of
/// hashing every key path, which matters at a million decisions a second. A field is `nil`
/// when it is missing, including when a value on its path is not an object.
struct PolicyInput {
    var principalID: RegoValue?
    var principalType: RegoValue?
    var labels: RegoValue?
    var resourceID: RegoValue?
    var actionID: RegoValue?
    /// `delegation_edge`, and its `id` and `scopes`.
    var edge: RegoValue?
    var edgeID: RegoValue?
    var edgeScopes: RegoValue?
    /// `context.requested_scopes`.
    var req: RegoValue?
    /// `context.subject_claims`, and its `delegation_edge_id`, `scope` and `target`.
    var claims: RegoValue?
    var claimsEdgeID: RegoValue?
    var claimsScope: RegoValue?
    var claimsTarget: RegoValue?
    /// `context.agent_session_id`.
    var sessionID: RegoValue?

    init(_ input: RegoValue) {
        guard case .object(let members) = input else { return }
        for (key, value) in members {
            switch key.utf8.count {
            case 9 where key == "principal":
                guard case .object(let principal) = value else { continue }
                for (key, value) in principal {
                    switch key.utf8.count {
                    case 2 where key == "id": principalID = value
                    case 4 where key == "type": principalType = value
                    case 6 where key == "labels": labels = value
                    default: continue
                    }
                }
            case 8 where key == "resource":
                guard case .object(let resource) = value else { continue }
                for (key, value) in resource where key.utf8.count == 10 && key == "identifier" { resourceID = value }
            case 6 where key == "action":
                guard case .object(let action) = value else { continue }
                for (key, value) in action where key.utf8.count == 2 && key == "id" { actionID = value }
            case 15 where key == "delegation_edge":
                edge = value
                guard case .object(let edge) = value else { continue }
                for (key, value) in edge {
                    switch key.utf8.count {
                    case 2 where key == "id": edgeID = value
                    case 6 where key == "scopes": edgeScopes = value
                    default: continue
                    }
                }
            case 7 where key == "context":
                guard case .object(let context) = value else { continue }
                for (key, value) in context {
                    switch key.utf8.count {
                    case 16 where key == "requested_scopes": req = value
                    case 16 where key == "agent_session_id": sessionID = value
                    case 14 where key == "subject_claims":
                        claims = value
                        guard case .object(let claims) = value else { continue }
                        for (key, value) in claims {
                            switch key.utf8.count {
                            case 18 where key == "delegation_edge_id": claimsEdgeID = value
                            case 5 where key == "scope": claimsScope = value
                            case 6 where key == "target": claimsTarget = value
                            default: continue
                            }
                        }
                    default: continue
                    }
                }
            default:
                continue
            }
        }
    }
}
