/// The rules that span objects and files (SPEC §3): identities, references, reserved names,
/// activation and bundle conflicts, and grants that cannot match.
struct DesiredStateValidator {
    private(set) var diagnostics: [Diagnostic] = []
    /// Objects with errors of their own, left out of the desired state.
    private(set) var rejected: Set<ObjectAddress> = []

    private let objects: [ManifestObject]
    // Positions in `objects` rather than copies: copying an object retains every field.
    /// The first Zone declaring each slug.
    private var zones: [String: Int] = [:]
    private var byZoneAndKind: [String: [ManifestKind: [Int]]] = [:]
    /// What references can name, per zone, so that checking a reference is a lookup rather
    /// than a search of every object in the zone.
    private var providerNames: [String: Set<String>] = [:]
    private var applicationNames: [String: Set<String>] = [:]
    private var resourceIdentities: [String: Set<String>] = [:]

    init(objects: [ManifestObject]) {
        self.objects = objects
        for (position, object) in objects.enumerated() {
            if object.kind == .zone, zones[object.name] == nil { zones[object.name] = position }
            byZoneAndKind[object.zone, default: [:]][object.kind, default: []].append(position)
            switch object.kind {
            case .provider: providerNames[object.zone, default: []].insert(object.name)
            case .application: applicationNames[object.zone, default: []].insert(object.name)
            case .resource: resourceIdentities[object.zone, default: []].insert(object.identity)
            default: break
            }
        }
    }

    mutating func validate() {
        checkIdentities()
        for object in objects {
            checkReservedNames(object)
            checkZoneReference(object)
            switch object.spec {
            case .resource(let resource): checkProviderReference(object, resource)
            case .policy(let policy): checkApplicationReferences(object, policy)
            case .policySet(let set): checkPolicySet(object, set)
            default: break
            }
        }
        checkActivatingSets()
        checkGrants()
    }

    // MARK: Helpers

    private mutating func error(_ code: String, _ message: String, _ object: ManifestObject, at path: String, reject: Bool = true) {
        diagnostics.append(.error(code, message, at: object.sourceMap[path]))
        if reject { rejected.insert(object.address) }
    }

    private mutating func warning(_ code: String, _ message: String, _ object: ManifestObject, at path: String) {
        diagnostics.append(.warning(code, message, at: object.sourceMap[path]))
    }

    /// The positions of a kind's objects in a zone, in declaration order.
    private func positions(_ kind: ManifestKind, in zone: String) -> [Int] {
        byZoneAndKind[zone]?[kind] ?? []
    }

    private func names(_ kind: ManifestKind, in zone: String) -> [String] {
        positions(kind, in: zone).map { objects[$0].name }
    }

    private func subject(_ object: ManifestObject) -> String { "\(object.kind.rawValue) '\(object.name)'" }

    private func place(_ object: ManifestObject) -> String {
        let location = object.sourceMap.document
        return "\(location.file):\(location.line)"
    }

    // MARK: Checks

    private mutating func checkIdentities() {
        var identities: [IdentityKey: Int] = [:]
        var addresses: [ObjectAddress: Int] = [:]
        identities.reserveCapacity(objects.count)
        addresses.reserveCapacity(objects.count)
        for (position, object) in objects.enumerated() {
            // Application names are unique case-insensitively, as Caracal checks them.
            let identity = object.kind == .application ? object.identity.lowercased() : object.identity
            let key = IdentityKey(kind: object.kind, zone: object.zone, identity: identity)
            let firstWithIdentity = identities.storeIfAbsent(position, forKey: key)
            if firstWithIdentity != position {
                let first = objects[firstWithIdentity]
                let identityPath: String
                switch object.kind {
                case .provider, .resource: identityPath = object.sourceMap.has("spec.identifier") ? "spec.identifier" : "metadata.name"
                default: identityPath = "metadata.name"
                }
                let scope = object.kind == .zone ? "" : " in zone '\(object.zone)'"
                error("duplicate_identity", "\(object.kind.rawValue) \(object.kind.identityField) '\(object.identity)'\(scope) is already declared at \(place(first)); each object needs its own \(object.kind.identityField).", object, at: identityPath)
                continue
            }
            let firstAtAddress = addresses.storeIfAbsent(position, forKey: object.address)
            if firstAtAddress != position {
                error("duplicate_identity", "\(subject(object)) in zone '\(object.zone)' is already declared at \(place(objects[firstAtAddress])); give each object its own metadata.name.", object, at: "metadata.name")
            }
        }
    }

    /// What must be unique: a kind's identity within a zone.
    private struct IdentityKey: Hashable {
        var kind: ManifestKind
        var zone: String
        var identity: String
    }

    private mutating func checkReservedNames(_ object: ManifestObject) {
        switch object.spec {
        case .zone(let zone):
            if object.name.hasPrefix("caracal-sys-") {
                error("reserved_name", "Zone slug '\(object.name)' is in the reserved 'caracal-sys-' namespace.", object, at: "metadata.name")
            }
            if let name = zone.name, name.hasPrefix("caracal.sys/") {
                error("reserved_name", "Zone name '\(name)' is in the reserved 'caracal.sys/' namespace.", object, at: "spec.name")
            }
        case .application, .policy, .policySet:
            if object.name.hasPrefix("caracal.sys/") {
                error("reserved_name", "\(subject(object)) is in the reserved 'caracal.sys/' namespace.", object, at: "metadata.name")
            }
        case .provider, .resource:
            break
        }
    }

    private mutating func checkZoneReference(_ object: ManifestObject) {
        guard object.kind != .zone, zones[object.zone] == nil else { return }
        let declared = zones.keys.sorted()
        let hint = Suggestion.phrase(
            for: object.zone, in: declared,
            otherwise: declared.isEmpty ? "; declare it with a Zone manifest (add 'external: true' if it is managed elsewhere)." : "; declared zones: \(declared.joined(separator: ", ")).")
        error("unknown_zone", "\(subject(object)) is in zone '\(object.zone)', which no Zone manifest declares\(hint)", object, at: "metadata.zone")
    }

    private mutating func checkProviderReference(_ object: ManifestObject, _ resource: ResourceSpec) {
        guard let provider = resource.provider, zones[object.zone] != nil,
              providerNames[object.zone]?.contains(provider) != true else { return }
        let providers = names(.provider, in: object.zone)
        error("unknown_reference", "\(subject(object)) refers to unknown Provider '\(provider)'\(referenceHint(provider, providers, kind: "Provider", zone: object.zone))", object, at: "spec.provider")
    }

    private mutating func checkApplicationReferences(_ object: ManifestObject, _ policy: PolicySpec) {
        guard case .data(let data) = policy.body, zones[object.zone] != nil else { return }
        for (key, value) in (data.appIDs ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard case .application(let name) = value, applicationNames[object.zone]?.contains(name) != true else { continue }
            let applications = names(.application, in: object.zone)
            error("unknown_reference", "\(subject(object)) binds '\(key)' to unknown Application '\(name)'\(referenceHint(name, applications, kind: "Application", zone: object.zone))", object, at: "spec.data.app_ids.\(key).application")
        }
    }

    private mutating func checkPolicySet(_ object: ManifestObject, _ set: PolicySetSpec) {
        guard zones[object.zone] != nil else { return }
        let policies = positions(.policy, in: object.zone)
        var ruleOwners: [String: String] = [:]
        for (index, name) in set.policies.enumerated() {
            guard let policy = policies.first(where: { objects[$0].name == name }), case .policy(let spec) = objects[policy].spec else {
                error("unknown_reference", "\(subject(object)) lists unknown Policy '\(name)'\(referenceHint(name, names(.policy, in: object.zone), kind: "Policy", zone: object.zone))", object, at: "spec.policies[\(index)]")
                continue
            }
            for rule in spec.definedRules {
                if let owner = ruleOwners[rule], owner != name {
                    error("invalid_policy_bundle", "Policies '\(owner)' and '\(name)' both define '\(rule)'; a policy set may define each data rule once, or Caracal refuses the version with invalid_policy_bundle.", object, at: "spec.policies[\(index)]")
                } else {
                    ruleOwners[rule] = name
                }
            }
        }
        for (index, test) in set.tests.enumerated() {
            guard case .request(let request) = test.input else { continue }
            if let application = request.application, applicationNames[object.zone]?.contains(application) != true {
                let applications = names(.application, in: object.zone)
                error("unknown_reference", "Test '\(test.name)' sends a request as unknown Application '\(application)'\(referenceHint(application, applications, kind: "Application", zone: object.zone))", object, at: "spec.tests[\(index)].request.application")
            }
            if resourceIdentities[object.zone]?.contains(request.resource) != true {
                let resources = positions(.resource, in: object.zone).map { objects[$0].identity }
                warning("unknown_reference", "Test '\(test.name)' asks for resource '\(request.resource)', which no Resource in zone '\(object.zone)' declares\(Suggestion.phrase(for: request.resource, in: resources, otherwise: "."))", object, at: "spec.tests[\(index)].request.resource")
            }
        }
    }

    private mutating func checkActivatingSets() {
        for zone in zones.keys.sorted() {
            let activating = positions(.policySet, in: zone).map { objects[$0] }.filter {
                if case .policySet(let set) = $0.spec { return set.activate }
                return false
            }
            guard activating.count > 1 else { continue }
            for duplicate in activating.dropFirst() {
                error("multiple_active_sets", "Zone '\(zone)' has more than one policy set to activate: '\(activating[0].name)' (\(place(activating[0]))) and '\(duplicate.name)'; Caracal keeps one active set per zone, so set 'activate: false' on all but one.", duplicate, at: duplicate.sourceMap.has("spec.activate") ? "spec.activate" : "metadata.name")
            }
        }
    }

    /// Grants that name undeclared resources or scopes, or binding keys no app_ids defines.
    private mutating func checkGrants() {
        for zone in zones.keys.sorted() {
            let resources = Dictionary(positions(.resource, in: zone).compactMap { position -> (String, ResourceSpec)? in
                if case .resource(let spec) = objects[position].spec { return (spec.identifier, spec) }
                return nil
            }, uniquingKeysWith: { first, _ in first })
            // Each policy's rules, worked out once.
            let policies = positions(.policy, in: zone).compactMap { position -> (ManifestObject, PolicySpec, [String: RegoValue])? in
                guard case .policy(let spec) = objects[position].spec else { return nil }
                return (objects[position], spec, spec.dataRules(applicationID: { $0 }))
            }
            var bindingKeys: Set<String> = []
            for (_, _, rules) in policies {
                if case .object(let appIDs)? = rules["app_ids"] { bindingKeys.formUnion(appIDs.keys) }
            }
            for (policy, spec, rules) in policies {
                guard case .object(let grants)? = rules["grants"] else { continue }
                let base = { (suffix: String) -> String in
                    if case .data = spec.body { return "spec.data.grants\(suffix)" }
                    return policy.sourceMap.has("spec.source") ? "spec.source" : "spec.content"
                }
                for (identifier, grant) in grants.sorted(by: { $0.key < $1.key }) {
                    guard let resource = resources[identifier] else {
                        warning("grant_unknown_resource", "\(subject(policy)) grants resource '\(identifier)', which no Resource in zone '\(zone)' declares\(Suggestion.phrase(for: identifier, in: resources.keys.sorted(), otherwise: "; the grant can only match once such a resource exists."))", policy, at: base(".\(identifier)"))
                        continue
                    }
                    if let key = grant["application"]?.stringValue, !bindingKeys.isEmpty, !bindingKeys.contains(key) {
                        warning("grant_unknown_binding", "The grant for '\(identifier)' names binding key '\(key)', which no app_ids in zone '\(zone)' defines, so it can never match\(Suggestion.phrase(for: key, in: bindingKeys.sorted(), otherwise: "."))", policy, at: base(".\(identifier).application"))
                    }
                    guard case .object(let roles)? = grant["roles"] else { continue }
                    let declared = Set(resource.scopes)
                    for (label, scopes) in roles.sorted(by: { $0.key < $1.key }) {
                        let listed: [RegoValue]
                        switch scopes {
                        case .array(let items): listed = items
                        case .set(let set): listed = set.elements
                        default: continue
                        }
                        for scope in listed.compactMap(\.stringValue) where !declared.contains(scope) {
                            let hint = Suggestion.phrase(for: scope, in: resource.scopes, otherwise: " (it declares \(resource.scopes.joined(separator: ", "))).")
                            warning("grant_unknown_scope", "Role '\(label)' in the grant for '\(identifier)' allows scope '\(scope)', which the resource does not declare\(hint)", policy, at: base(".\(identifier).roles.\(label)"))
                        }
                    }
                }
            }
        }
    }

    private func referenceHint(_ name: String, _ candidates: [String], kind: String, zone: String) -> String {
        Suggestion.phrase(for: name, in: candidates, otherwise: candidates.isEmpty
            ? "; zone '\(zone)' declares no \(kind)."
            : "; zone '\(zone)' declares \(candidates.sorted().map { "'\($0)'" }.joined(separator: ", ")).")
    }
}
