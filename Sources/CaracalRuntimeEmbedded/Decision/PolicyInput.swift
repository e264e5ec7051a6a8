import Manifest

/// The fields of a policy input the contract reads, picked out in one pass.
///
/// Each object is walked once, matching keys by length and then bytes, and only the values
/// the contract iterates or compares are copied out; fields it only tests for being *set* or
/// for one constant become flags. That costs a fraction of hashing every key path, which
/// matters at a million decisions a second. A value is `nil` when it is missing, including
/// when a value on its path is not an object.
struct PolicyInput {
    var principalID: RegoValue?
    var labels: RegoValue?
    var resourceID: RegoValue?
    /// `delegation_edge.scopes`.
    var edgeScopes: RegoValue?
    /// `context.requested_scopes`.
    var req: RegoValue?
    /// `context.subject_claims` when it is an object (the only shape with members to read).
    var claimsObject: [String: RegoValue]?
    /// `principal.type == "Workload"`.
    var isWorkloadPrincipal = false
    /// `action.id == "CredentialInjection"`.
    var isInjection = false
    /// Whether `delegation_edge`, `delegation_edge.id`, `context.subject_claims` and
    /// `context.agent_session_id` are set.
    var edgeSet = false
    var edgeIDSet = false
    var claimsSet = false
    var sessionSet = false

    init(_ input: RegoValue) {
        guard case .object(let members) = input else { return }
        for index in members.indices {
            let key = members.keys[index]
            switch key.utf8.count {
            case 9 where key == "principal":
                guard case .object(let principal) = members.values[index] else { continue }
                for index in principal.indices {
                    let key = principal.keys[index]
                    switch key.utf8.count {
                    case 2 where key == "id": principalID = principal.values[index]
                    case 4 where key == "type":
                        if case .string("Workload") = principal.values[index] { isWorkloadPrincipal = true }
                    case 6 where key == "labels": labels = principal.values[index]
                    default: continue
                    }
                }
            case 8 where key == "resource":
                guard case .object(let resource) = members.values[index] else { continue }
                for index in resource.indices where resource.keys[index] == "identifier" {
                    resourceID = resource.values[index]
                }
            case 6 where key == "action":
                guard case .object(let action) = members.values[index] else { continue }
                for index in action.indices where action.keys[index] == "id" {
                    if case .string("CredentialInjection") = action.values[index] { isInjection = true }
                }
            case 15 where key == "delegation_edge":
                let edge = members.values[index]
                edgeSet = Self.isSet(edge)
                guard case .object(let members) = edge else { continue }
                for index in members.indices {
                    let key = members.keys[index]
                    switch key.utf8.count {
                    case 2 where key == "id": edgeIDSet = Self.isSet(members.values[index])
                    case 6 where key == "scopes": edgeScopes = members.values[index]
                    default: continue
                    }
                }
            case 7 where key == "context":
                guard case .object(let context) = members.values[index] else { continue }
                for index in context.indices {
                    let key = context.keys[index]
                    switch key.utf8.count {
                    case 16 where key == "requested_scopes": req = context.values[index]
                    case 16 where key == "agent_session_id": sessionSet = Self.isSet(context.values[index])
                    case 14 where key == "subject_claims":
                        let claims = context.values[index]
                        claimsSet = Self.isSet(claims)
                        if case .object(let members) = claims { claimsObject = members }
                    default: continue
                    }
                }
            default:
                continue
            }
        }
    }

    @inline(__always)
    private static func isSet(_ value: RegoValue) -> Bool {
        if case .bool(false) = value { return false }
        return true
    }

    /// `subject_claims[key]`.
    @inline(__always)
    func claim(_ key: String) -> RegoValue? {
        claimsObject?[key]
    }
}

extension RegoValue {
    /// The value at `path` of objects, for trace details.
    func value(at path: String...) -> RegoValue? {
        var current: RegoValue? = self
        for key in path { current = current?[key] }
        return current
    }
}
