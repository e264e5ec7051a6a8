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
    /// `grant.roles[label]` for every string label, when `roles` is an object: scanned while
    /// there are few roles, hashed when there are many.
    private let roleList: [(name: String, scopes: ScopeMatcher)]
    private let roleScopes: [String: ScopeMatcher]
    private static let linearLimit = 8
    /// `caracal-<application>-mint`.
    let mintPolicy: String
    /// `caracal-<application>-use`.
    let usePolicy: String

    init(_ grant: RegoValue, appIDs: RegoValue?) {
        value = grant
        application = grant["application"]
        ownerID = application.flatMap { appIDs?.lookup($0) }
        roles = grant["roles"]
        if case .object(let members)? = roles {
            roleNames = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        } else {
            roleNames = []
        }
        if case .object(let members)? = roles {
            let list = members.map { (name: $0.key, scopes: ScopeMatcher($0.value)) }
            roleList = list.count > Self.linearLimit ? [] : list
            roleScopes = list.count > Self.linearLimit ? members.mapValues(ScopeMatcher.init) : [:]
        } else {
            roleList = []
            roleScopes = [:]
        }
        // Rego's sprintf %v writes a string as is and anything else as JSON.
        let name = application.map { $0.stringValue ?? $0.traceText } ?? ""
        mintPolicy = "caracal-\(name)-mint"
        usePolicy = "caracal-\(name)-use"
    }

    /// `grant.roles[label]` as scopes, when defined.
    @inline(__always)
    func scopes(forRole label: RegoValue) -> ScopeMatcher? {
        if case .string(let name) = label, case .object? = roles {
            if !roleScopes.isEmpty { return roleScopes[name] }
            for role in roleList where role.name.fastEquals(name) { return role.scopes }
            return nil
        }
        // Roles written as an array or set: rare enough to resolve on the spot.
        return roles?.lookup(label).map(ScopeMatcher.init)
    }
}
