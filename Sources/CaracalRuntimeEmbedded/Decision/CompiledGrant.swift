import Manifest

/// One entry of `grants`, with everything the contract asks of it resolved ahead of time.
///
/// A class so that a lookup hands out one reference instead of copying every field.
final class CompiledGrant: Sendable {
    /// The grant as written.
    let value: RegoValue
    /// The role names when `roles` is an object, in byte order, for traces.
    let roleNames: [String]
    /// `grant.application`, the binding key that owns the resource.
    let application: RegoValue?
    /// `app_ids[grant.application]`: the principal id that owns the resource.
    let ownerID: RegoValue?
    /// `grant.roles` as written.
    let roles: RegoValue?
    /// `grant.roles[label]` for every string label, when `roles` is an object: the role names,
    /// and the scopes of each by its number.
    private let roleTable: StringTable
    private let roleScopes: [ScopeMatcher]
    /// The trace texts of `application`, `roles` and `roleNames`, which every trace of a
    /// decision on the grant shows.
    let applicationText: String
    let rolesText: String
    let roleNamesText: String
    /// `caracal-<application>-mint`.
    let mintPolicy: String
    /// `caracal-<application>-use`.
    let usePolicy: String

    init(_ grant: RegoValue, appIDs: RegoValue?) {
        value = grant
        application = grant["application"]
        ownerID = Self.ownerID(of: grant, appIDs: appIDs)
        roles = grant["roles"]
        if case .object(let members)? = roles {
            roleNames = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            roleTable = StringTable(roleNames)
            roleScopes = roleNames.map { ScopeMatcher(members[$0]!) }
        } else {
            roleNames = []
            roleTable = StringTable([])
            roleScopes = []
        }
        (mintPolicy, usePolicy) = Self.policies(of: grant)
        applicationText = application.traceText
        rolesText = roles.traceText
        roleNamesText = roleNames.map(RegoValue.string).traceText
    }

    /// `app_ids[grant.application]`.
    static func ownerID(of grant: RegoValue, appIDs: RegoValue?) -> RegoValue? {
        grant["application"].flatMap { appIDs?.lookup($0) }
    }

    /// The names of the policies that allow a mint and a use of the grant's resource.
    static func policies(of grant: RegoValue) -> (mint: String, use: String) {
        // Rego's sprintf %v writes a string as is and anything else as JSON.
        let name = grant["application"].map { $0.stringValue ?? $0.traceText } ?? ""
        return ("caracal-\(name)-mint", "caracal-\(name)-use")
    }

    /// `grant.roles[label]` as scopes, when defined.
    @inline(__always)
    func scopes<Value: ContractValue>(forRole label: Value) -> ScopeMatcher? {
        if case .object? = roles, let found = label.withUTF8({ roleTable.index(of: $0) }) {
            return found.map { roleScopes[$0] }
        }
        // Roles written as an array or set: rare enough to resolve on the spot.
        return roles?.lookup(label.regoValue).map(ScopeMatcher.init)
    }
}
