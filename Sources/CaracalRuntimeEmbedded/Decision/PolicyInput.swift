import Manifest

/// The fields of a policy input the contract reads, picked out in one pass.
///
/// Each object is walked once, matching keys by length and then bytes, and only the values
/// the contract iterates or compares are copied out; fields it only tests for being *set* or
/// for one constant become flags. That costs a fraction of hashing every key path, which
/// matters at a million decisions a second. A value is `nil` when it is missing, including
/// when a value on its path is not an object.
///
/// The values are `RegoValue`s when read from a parsed input, and `SkimmedValue`s when
/// `PolicyInputSkimmer` read them from JSON text.
struct PolicyInput<Value: ContractValue> {
    var principalID: Value?
    var labels: Value?
    var resourceID: Value?
    /// `delegation_edge.scopes`.
    var edgeScopes: Value?
    /// `context.requested_scopes`.
    var req: Value?
    /// The members of `context.subject_claims` the contract reads, when it is an object (the
    /// only shape with members to read).
    var claims = Claims()
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

    /// An input with every field missing.
    init() {}

    /// `subject_claims.scope`, `.delegation_edge_id` and `.target`.
    struct Claims {
        var scope: Value?
        var edgeID: Value?
        var target: Value?
    }

    /// The flags, as one value of the same type whatever `Value` is.
    typealias Flags = PolicyInputFlags

    /// The flags, as one value; setting it sets each.
    var flags: Flags {
        get {
            Flags(isWorkloadPrincipal: isWorkloadPrincipal, isInjection: isInjection, edgeSet: edgeSet,
                  edgeIDSet: edgeIDSet, claimsSet: claimsSet, sessionSet: sessionSet)
        }
        set {
            (isWorkloadPrincipal, isInjection) = (newValue.isWorkloadPrincipal, newValue.isInjection)
            (edgeSet, edgeIDSet, claimsSet, sessionSet) = (newValue.edgeSet, newValue.edgeIDSet, newValue.claimsSet, newValue.sessionSet)
        }
    }

    /// Every field, for taking the input apart in one move.
    @inline(__always)
    var parts: (
        principalID: Value?, labels: Value?, resourceID: Value?, req: Value?,
        edgeScopes: Value?, claims: Claims, flags: Flags
    ) {
        (principalID, labels, resourceID, req, edgeScopes, claims, flags)
    }
}

/// The flags of a `PolicyInput`: what the contract only tests for being set, or for one value.
struct PolicyInputFlags: Sendable {
    var isWorkloadPrincipal: Bool
    var isInjection: Bool
    var edgeSet: Bool
    var edgeIDSet: Bool
    var claimsSet: Bool
    var sessionSet: Bool
}

extension PolicyInput: Sendable where Value: Sendable {}
extension PolicyInput.Claims: Sendable where Value: Sendable {}
extension PolicyInput: Equatable where Value: Equatable {}
extension PolicyInput.Claims: Equatable where Value: Equatable {}

extension PolicyInput where Value == RegoValue {
    /// Picks the fields out of a parsed input.
    init(_ input: RegoValue) {
        guard case .object(let members) = input else { return }
        // Each loop stops once it has seen every key it reads: inputs carry many other fields.
        var remaining = 5
        for (key, value) in members {
            switch key.utf8.count {
            case 9 where key == "principal":
                remaining -= 1
                guard case .object(let principal) = value else { break }
                var wanted = 3
                for (key, value) in principal {
                    switch key.utf8.count {
                    case 2 where key == "id": principalID = value
                    case 4 where key == "type":
                        if case .string("Workload") = value { isWorkloadPrincipal = true }
                    case 6 where key == "labels": labels = value
                    default: continue
                    }
                    wanted -= 1
                    if wanted == 0 { break }
                }
            case 8 where key == "resource":
                remaining -= 1
                guard case .object(let resource) = value else { break }
                for (key, value) in resource where key.utf8.count == 10 && key == "identifier" {
                    resourceID = value
                    break
                }
            case 6 where key == "action":
                remaining -= 1
                guard case .object(let action) = value else { break }
                for (key, value) in action where key.utf8.count == 2 && key == "id" {
                    if case .string("CredentialInjection") = value { isInjection = true }
                    break
                }
            case 15 where key == "delegation_edge":
                remaining -= 1
                edgeSet = Self.isSet(value)
                guard case .object(let edge) = value else { break }
                var wanted = 2
                for (key, value) in edge {
                    switch key.utf8.count {
                    case 2 where key == "id": edgeIDSet = Self.isSet(value)
                    case 6 where key == "scopes": edgeScopes = value
                    default: continue
                    }
                    wanted -= 1
                    if wanted == 0 { break }
                }
            case 7 where key == "context":
                remaining -= 1
                guard case .object(let context) = value else { break }
                var wanted = 3
                for (key, value) in context {
                    switch key.utf8.count {
                    case 16 where key == "requested_scopes": req = value
                    case 16 where key == "agent_session_id": sessionSet = Self.isSet(value)
                    case 14 where key == "subject_claims":
                        claimsSet = Self.isSet(value)
                        if case .object(let members) = value {
                            claims = Claims(scope: members["scope"], edgeID: members["delegation_edge_id"], target: members["target"])
                        }
                    default: continue
                    }
                    wanted -= 1
                    if wanted == 0 { break }
                }
            default:
                continue
            }
            if remaining == 0 { break }
        }
    }

    @inline(__always)
    private static func isSet(_ value: RegoValue) -> Bool {
        if case .bool(false) = value { return false }
        return true
    }
}
