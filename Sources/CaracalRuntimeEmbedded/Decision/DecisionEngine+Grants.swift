import Manifest

extension DecisionEngine {
    /// A grant as a decision holds it: by its number when `grants` is an object, or built for
    /// the one lookup when it is not.
    enum GrantAccess {
        case indexed(Int)
        case built(CompiledGrant)
    }

    /// `grants[identifier]`.
    @inline(__always)
    func grant<Value: ContractValue>(for identifier: Value?) -> GrantAccess? {
        guard let identifier else { return nil }
        if let unindexedGrants {
            return unindexedGrants.lookup(identifier.regoValue).map { .built(CompiledGrant($0, appIDs: appIDs)) }
        }
        return identifier.withUTF8 { grantIdentifiers.index(of: $0) }?.map(GrantAccess.indexed)
    }

    /// The policy that allows a mint (`use` false) or a use of the grant's resource.
    @inline(__always)
    func policy(_ grant: GrantAccess, use: Bool) -> String {
        switch grant {
        case .indexed(let number): return grantPolicies[2 * number + (use ? 1 : 0)]
        case .built(let grant): return use ? grant.usePolicy : grant.mintPolicy
        }
    }

    /// The grant's whole record.
    func compiled(_ grant: GrantAccess) -> CompiledGrant {
        switch grant {
        case .indexed(let number): return compiledGrants[number]
        case .built(let grant): return grant
        }
    }

    /// `app_ids[grant.application] == input.principal.id`.
    @inline(__always)
    func owns<Value: ContractValue>(_ grant: GrantAccess?, principalID: Value?) -> Bool {
        guard let grant, let principalID else { return false }
        if case .indexed(let number) = grant, grantTable.isFlat(number) {
            guard let owner = grantTable.owner(number) else { return false }
            return principalID.withUTF8 { $0.hasSameBytes(as: owner) } ?? false
        }
        guard let owner = compiled(grant).ownerID else { return false }
        return principalID.isEqual(to: owner)
    }

    /// `grant.roles[label]` as scopes, when defined.
    @inline(__always)
    func scopes<Value: ContractValue>(of grant: GrantAccess, forRole label: Value) -> RoleScopes? {
        if case .indexed(let number) = grant, grantTable.isFlat(number) {
            return (label.withUTF8 { grantTable.scopes(number, role: $0) } ?? nil).map(RoleScopes.flat)
        }
        return compiled(grant).scopes(forRole: label).map(RoleScopes.matcher)
    }
}

/// The scopes of one role of a grant, flat or precompiled.
enum RoleScopes {
    case flat(GrantTable.Scopes)
    case matcher(ScopeMatcher)

    /// `element in grant.roles[label]`.
    @inline(__always)
    func contains<Value: ContractValue>(_ element: Value) -> Bool {
        switch self {
        case .flat(let scopes): return element.withUTF8(scopes.contains) ?? false
        case .matcher(let matcher): return matcher.contains(element)
        }
    }

    /// Whether the string whose UTF-8 bytes are `element` is in `grant.roles[label]`.
    @inline(__always)
    func contains(_ element: UnsafeRawBufferPointer) -> Bool {
        switch self {
        case .flat(let scopes): return scopes.contains(element)
        case .matcher(let matcher): return matcher.contains(element)
        }
    }
}
