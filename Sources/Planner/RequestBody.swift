import Manifest

/// The Admin API body that creates or patches a declared object (reference §1–§6).
///
/// The planner shows it as the fields of a change and the reconciler sends it, so what a plan
/// shows is exactly what apply writes. Secrets are kept apart and only merged into
/// `config_json` by ``sendable()``.
public struct RequestBody: Sendable, Hashable {
    /// Body fields other than secrets.
    public var fields: [String: RegoValue]
    /// Secret config values by key.
    public var secrets: [String: SecretValue]
    /// Fields whose values only exist after apply (ids of objects still to be created).
    public var unresolved: Set<String>

    public init(fields: [String: RegoValue] = [:], secrets: [String: SecretValue] = [:], unresolved: Set<String> = []) {
        self.fields = fields
        self.secrets = secrets
        self.unresolved = unresolved
    }

    /// The JSON body to send: secrets merged into `config_json`.
    ///
    /// Only call this to hand the body to a runtime; its secret values must never be printed.
    public func sendable() -> [String: RegoValue] {
        guard !secrets.isEmpty else { return fields }
        var body = fields
        var config: [String: RegoValue] = [:]
        if case .object(let publicConfig)? = fields["config_json"] { config = publicConfig }
        for (key, secret) in secrets { config[key] = .string(secret.revealedValue) }
        body["config_json"] = .object(config)
        return body
    }

    /// The fields as a plan shows them: sorted, unresolved ones as `(known after apply)`,
    /// secrets as `(sensitive)`.
    public var planFields: [FieldChange] {
        var result: [FieldChange] = []
        for key in Set(fields.keys).union(unresolved).sorted() {
            let after: PlanValue = unresolved.contains(key) ? .knownAfterApply : fields[key].map(PlanValue.value) ?? .absent
            result.append(FieldChange(path: key, before: .absent, after: after))
        }
        for key in secrets.keys.sorted() {
            result.append(FieldChange(path: "secrets.\(key)", before: .absent, after: .sensitive, sensitive: true))
        }
        return result
    }
}

/// Looks up the live ids of objects a body refers to.
public struct IDLookup: Sendable {
    /// The id of the Application named `name` in zone `zone`, when it exists.
    public var applicationID: @Sendable (_ zone: String, _ name: String) -> String?
    /// The id of the Provider named `name` (its metadata.name) in zone `zone`, when it exists.
    public var providerID: @Sendable (_ zone: String, _ name: String) -> String?

    public init(
        applicationID: @escaping @Sendable (String, String) -> String?,
        providerID: @escaping @Sendable (String, String) -> String?
    ) {
        self.applicationID = applicationID
        self.providerID = providerID
    }
}

extension RequestBody {
    /// The create body for a declared object.
    public static func create(for object: ManifestObject, ids: IDLookup) -> RequestBody {
        var body = RequestBody()
        switch object.spec {
        case .zone(let zone):
            body.fields = [
                "name": .string(zone.name ?? object.name), "slug": .string(object.name),
                "dcr_enabled": .bool(zone.dcrEnabled ?? false),
            ]
        case .application(let application):
            body.fields = [
                "name": .string(object.name), "registration_method": .string("managed"),
                "traits": .array((application.traits ?? []).map(RegoValue.string)),
            ]
        case .provider(let provider):
            body.fields = [
                "identifier": .string(provider.identifier), "kind": .string(provider.kind.rawValue),
                "config_json": .object(provider.config ?? [:]),
            ]
            if let name = provider.name { body.fields["name"] = .string(name) }
            body.secrets = provider.secrets
        case .resource(let resource):
            body.fields = resourceFields(resource, zone: object.zone, ids: ids, unresolved: &body.unresolved)
        case .policy(let policy):
            body.fields["name"] = .string(object.name)
            if let description = policy.description { body.fields["description"] = .string(description) }
            if let content = content(of: policy, zone: object.zone, ids: ids) {
                body.fields["content"] = .string(content)
            } else {
                body.unresolved.insert("content")
            }
        case .policySet(let set):
            body.fields["name"] = .string(object.name)
            if let description = set.description { body.fields["description"] = .string(description) }
        }
        return body
    }

    /// The patch body that changes `paths` of a declared object.
    ///
    /// Follows the API's patch rules: a provider's `kind` travels with its `config_json`, and a
    /// resource's `scopes` and `operations` travel together since they are validated together.
    public static func patch(for object: ManifestObject, paths: Set<String>, ids: IDLookup) -> RequestBody {
        let full = create(for: object, ids: ids)
        var keys = paths
        if keys.contains("kind") { keys.insert("config_json") }
        if keys.contains("scopes") || keys.contains("operations"), full.fields["operations"] != nil {
            keys.formUnion(["scopes", "operations"])
        }
        let secretsChanged = keys.contains { $0.hasPrefix("secrets") }
        var body = RequestBody()
        for key in keys where !key.hasPrefix("secrets") {
            if let value = full.fields[key] { body.fields[key] = value }
            if full.unresolved.contains(key) { body.unresolved.insert(key) }
        }
        if secretsChanged {
            body.secrets = full.secrets
            body.fields["config_json"] = full.fields["config_json"]
        }
        return body
    }

    /// The policy's Rego text with application references resolved; `nil` while a referenced
    /// application does not exist yet.
    public static func content(of policy: PolicySpec, zone: String, ids: IDLookup) -> String? {
        var missing = false
        let text = policy.content { name in
            if let id = ids.applicationID(zone, name) { return id }
            missing = true
            return ""
        }
        return missing ? nil : text
    }

    private static func resourceFields(_ resource: ResourceSpec, zone: String, ids: IDLookup, unresolved: inout Set<String>) -> [String: RegoValue] {
        var fields: [String: RegoValue] = [
            "identifier": .string(resource.identifier), "upstream_url": .string(resource.upstreamURL),
            "scopes": .array(resource.scopes.map(RegoValue.string)),
        ]
        if let name = resource.name { fields["name"] = .string(name) }
        if let provider = resource.provider {
            if let id = ids.providerID(zone, provider) {
                fields["credential_provider_id"] = .string(id)
            } else {
                unresolved.insert("credential_provider_id")
            }
        }
        if let operations = resource.operations {
            fields["operations"] = .array(operations.map {
                .object(["method": .string($0.method), "path": .string($0.path), "scope": .string($0.scope)])
            })
        }
        if let enforcement = resource.operationEnforcement { fields["operation_enforcement"] = .string(enforcement.rawValue) }
        return fields
    }
}
