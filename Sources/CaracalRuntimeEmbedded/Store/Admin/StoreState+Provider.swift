import CaracalRuntime
import Manifest

/// Credential providers (Admin API reference §3). Secrets are sealed: the store keeps one
/// random salt per provider and, per secret key, the SHA-256 of salt and value (`$sealed`);
/// only the sorted key names are returned, as `secret_config_keys`.
extension StoreState {
    static let providerIdentifierPrefix = "provider://"

    mutating func createProvider(zoneID: String, _ fields: [String: RegoValue]) throws(RuntimeError) -> StoredObject {
        // Not strict: unknown top-level keys are dropped.
        let body = RequestBody(fields, code: "invalid_provider", noun: "provider")
        let name = try body.string("name")?.trimmed
        let givenIdentifier = try body.string("identifier")
        guard name?.isEmpty == false || givenIdentifier != nil else {
            throw body.invalid("A provider needs a 'name' or an 'identifier'.")
        }
        let kind = try Self.providerKind(body)
        let config = try body.object("config_json") ?? [:]
        let rules = ProviderConfigRules(kind: kind)
        let normalized = try rules.normalize(config, storedSecretKeys: [])
        let identifier: String
        if let givenIdentifier {
            try Self.checkProviderIdentifier(givenIdentifier)
            try checkProviderIdentifierFree(givenIdentifier, zoneID: zoneID, except: nil)
            identifier = givenIdentifier
        } else {
            var base = Slug.derive(from: name ?? "")
            if base.isEmpty { base = "provider" }
            if base.hasPrefix("caracal-sys-") { throw Self.reserved("provider identifier", Self.providerIdentifierPrefix + base, "provider://caracal-sys-") }
            identifier = Self.providerIdentifierPrefix + Slug.firstFree(base) { candidate in
                active(.provider, zoneID: zoneID, identity: Self.providerIdentifierPrefix + candidate) != nil
            }
        }
        let (id, timestamp) = mint()
        var object = ServerFields.created(id: id, at: timestamp)
        object["zone_id"] = .string(zoneID)
        object["name"] = .string(name.flatMap { $0.isEmpty ? nil : $0 } ?? identifier)
        object["identifier"] = .string(identifier)
        object["kind"] = .string(kind.rawValue)
        object["config_json"] = .object(normalized.publicConfig)
        Self.seal(normalized.secrets, into: &object)
        object["connectivity_failed_at"] = kind.isOAuth ? .string(timestamp) : .null
        object["archived_at"] = .null
        return StoredObject(kind: .provider, fields: object)
    }

    func patchProvider(_ provider: StoredObject, _ fields: [String: RegoValue]) throws(RuntimeError) -> StoredObject {
        let body = RequestBody(fields, code: "invalid_provider", noun: "provider")
        let known = ["name", "identifier", "kind", "config_json"].filter(body.has)
        if known.isEmpty { throw RuntimeError.invalid("no_fields", "The provider patch has no fields to change.") }
        var object = provider.fields
        if let name = try body.string("name") {
            let name = name.trimmed
            guard !name.isEmpty else { throw body.invalid("The provider name must not be empty.") }
            object["name"] = .string(name)
        }
        if let identifier = try body.string("identifier"), identifier != provider.identity {
            try Self.checkProviderIdentifier(identifier)
            try checkProviderIdentifierFree(identifier, zoneID: provider.zoneID, except: provider.id)
            object["identifier"] = .string(identifier)
        }
        let oldKind = ProviderKind(rawValue: object["kind"]?.stringValue ?? "") ?? .none
        var kind = oldKind
        if body.has("kind") {
            kind = try Self.providerKind(body)
            if !body.has("config_json") {
                throw RuntimeError.invalid("provider_config_required", "Changing a provider's kind needs a 'config_json' for the new kind.")
            }
        }
        if body.has("config_json") {
            let config = try body.object("config_json") ?? [:]
            let stored = kind == oldKind ? Set(Self.sealedKeys(object)) : []
            let normalized = try ProviderConfigRules(kind: kind).normalize(config, storedSecretKeys: stored)
            object["config_json"] = .object(normalized.publicConfig)
            if !normalized.secrets.isEmpty || kind != oldKind {
                Self.seal(normalized.secrets, into: &object)
            }
            object["kind"] = .string(kind.rawValue)
        }
        ServerFields.touch(&object, at: now())
        return StoredObject(kind: .provider, fields: object)
    }

    /// Whether the provider's secrets are exactly `secrets` (compared by salted hash).
    static func providerSecretsMatch(_ provider: StoredObject, _ secrets: [String: String]) -> Bool {
        // A plan asks this of every provider: only the one field is looked up.
        guard case .object(let sealed)? = provider.field("$sealed"), let salt = sealed["salt"]?.stringValue,
              case .object(let hashes)? = sealed["sha256"] else {
            return secrets.isEmpty
        }
        guard Set(hashes.keys) == Set(secrets.keys) else { return false }
        for (key, value) in secrets where hashes[key]?.stringValue != SecretSeal.hash(value.trimmed, salt: salt) {
            return false
        }
        return true
    }

    /// Replaces the sealed secrets (and `secret_config_keys`) with `secrets`.
    private static func seal(_ secrets: [String: String], into object: inout [String: RegoValue]) {
        if secrets.isEmpty {
            object["$sealed"] = nil
            object["secret_config_keys"] = .array([])
            return
        }
        let salt = IDMinter.randomHex(bytes: 16)
        var hashes: [String: RegoValue] = [:]
        for (key, value) in secrets { hashes[key] = .string(SecretSeal.hash(value, salt: salt)) }
        object["$sealed"] = .object(["salt": .string(salt), "sha256": .object(hashes)])
        object["secret_config_keys"] = .array(secrets.keys.sorted().map(RegoValue.string))
    }

    private static func sealedKeys(_ object: [String: RegoValue]) -> [String] {
        guard case .array(let keys)? = object["secret_config_keys"] else { return [] }
        return keys.compactMap(\.stringValue)
    }

    private static func providerKind(_ body: RequestBody) throws(RuntimeError) -> ProviderKind {
        guard let raw = try body.string("kind") else {
            throw body.invalid("The provider field 'kind' is required.")
        }
        guard let kind = ProviderKind(rawValue: raw) else {
            let kinds = ProviderKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw body.invalid("The provider kind '\(raw)' is not one of \(kinds).")
        }
        return kind
    }

    /// `^provider://[a-z0-9]+(-[a-z0-9]+)*$` (400 `invalid_provider_identifier`).
    private static func checkProviderIdentifier(_ identifier: String) throws(RuntimeError) {
        var valid = identifier.hasPrefix(providerIdentifierPrefix)
        if valid {
            let rest = identifier.dropFirst(providerIdentifierPrefix.count)
            valid = !rest.isEmpty && rest.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { part in
                !part.isEmpty && part.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
            }
        }
        if !valid {
            throw RuntimeError.invalid(
                "invalid_provider_identifier",
                "The provider identifier '\(identifier)' must look like 'provider://name' with lower-case letters, digits and single hyphens.")
        }
        if identifier.hasPrefix("provider://caracal-sys-") {
            throw reserved("provider identifier", identifier, "provider://caracal-sys-")
        }
    }

    private func checkProviderIdentifierFree(_ identifier: String, zoneID: String, except id: String?) throws(RuntimeError) {
        if let existing = active(.provider, zoneID: zoneID, identity: identifier), existing.id != id {
            throw RuntimeError.conflict(
                "provider_identifier_conflict", "A provider with identifier '\(identifier)' already exists in this zone.")
        }
    }
}
