import CaracalRuntime
import Foundation
import Manifest

/// Compares one declared object with its live twin, field by field (SPEC §4).
///
/// Only fields the manifest declares are compared, after the normalisation the Admin API
/// applies; lists with set meaning compare as sets; provider config compares whole; secrets by
/// key names and, where the runtime can tell, by value.
struct ObjectComparison {
    let object: ManifestObject
    let live: LiveObject
    /// The create body of the desired object, resolved against live ids.
    let desired: RequestBody

    /// The fields that differ, sorted by path, and notes for the reviewer.
    func differences(secretsMatch: Bool?) -> (fields: [FieldChange], notes: [String]) {
        var fields: [FieldChange] = []
        var notes: [String] = []
        func compare(_ key: String, normalize: (RegoValue) -> RegoValue = { $0 }) {
            guard desired.fields[key] != nil || desired.unresolved.contains(key) else { return }
            // Most fields match exactly as written; only differing ones need normalising.
            if let after = desired.fields[key], after == live[key] { return }
            // Compared after normalising; shown as they are, so a reviewer sees the live value.
            let before = live[key].map(PlanValue.value) ?? .absent
            if desired.unresolved.contains(key) {
                fields.append(FieldChange(path: key, before: before, after: .knownAfterApply))
            } else if let after = desired.fields[key], normalize(after) != live[key].map(normalize) {
                fields.append(FieldChange(path: key, before: before, after: .value(after)))
            }
        }
        switch object.spec {
        case .zone(let zone):
            if zone.name != nil { compare("name", normalize: trimmed) }
            if zone.dcrEnabled != nil { compare("dcr_enabled") }
        case .application(let application):
            if application.traits != nil {
                if live["traits"] == nil {
                    notes.append("Traits are visible to global admin tokens only, so they were not compared.")
                } else {
                    compare("traits", normalize: asSet)
                }
            }
        case .provider(let provider):
            if provider.name != nil { compare("name", normalize: trimmed) }
            compare("kind")
            if provider.config != nil { compare("config_json") }
            fields += secretDifferences(provider, secretsMatch: secretsMatch)
        case .resource(let resource):
            if resource.name != nil { compare("name") }
            compare("scopes", normalize: asSet)
            compare("upstream_url", normalize: normalizedURL)
            compare("credential_provider_id")
            if resource.operations != nil { compare("operations", normalize: normalizedOperations) }
            if resource.operationEnforcement != nil { compare("operation_enforcement") }
        case .policy(let policy):
            if let description = policy.description, live.string("description") != description {
                notes.append("The description differs from the live one (\(JSONWriter.quoted(live.string("description") ?? ""))); Caracal sets it at creation only, so apply leaves it as it is.")
            }
        case .policySet(let set):
            if let description = set.description, live.string("description") != description {
                notes.append("The description differs from the live one (\(JSONWriter.quoted(live.string("description") ?? ""))); Caracal sets it at creation only, so apply leaves it as it is.")
            }
        }
        return (fields.sorted { $0.path < $1.path }, notes)
    }

    private func secretDifferences(_ provider: ProviderSpec, secretsMatch: Bool?) -> [FieldChange] {
        let liveKeys: Set<String>
        if case .array(let keys)? = live["secret_config_keys"] {
            liveKeys = Set(keys.compactMap(\.stringValue))
        } else {
            liveKeys = []
        }
        let desiredKeys = Set(provider.secrets.keys)
        var changes: [FieldChange] = []
        for key in desiredKeys.union(liveKeys).sorted() {
            let before: PlanValue = liveKeys.contains(key) ? .sensitive : .absent
            let after: PlanValue = desiredKeys.contains(key) ? .sensitive : .absent
            if before != after || (secretsMatch == false && desiredKeys.contains(key)) {
                changes.append(FieldChange(path: "secrets.\(key)", before: before, after: after, sensitive: true))
            }
        }
        return changes
    }

    private func trimmed(_ value: RegoValue) -> RegoValue {
        value.stringValue.map { .string($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? value
    }

    private func asSet(_ value: RegoValue) -> RegoValue {
        if case .array(let items) = value { return .array(items.sorted()) }
        return value
    }

    private func normalizedOperations(_ value: RegoValue) -> RegoValue {
        guard case .array(let items) = value else { return value }
        return .array(items.map { item in
            guard case .object(var fields) = item, let method = fields["method"]?.stringValue else { return item }
            fields["method"] = .string(method.trimmingCharacters(in: .whitespaces).uppercased())
            return .object(fields)
        }.sorted())
    }

    /// Scheme and host lower-cased, as Caracal stores URLs: `HTTPS://API.Example.com/v1` is
    /// `https://api.example.com/v1`.
    private func normalizedURL(_ value: RegoValue) -> RegoValue {
        guard let text = value.stringValue?.trimmingCharacters(in: .whitespaces), let separator = text.range(of: "://") else { return value }
        let authority = text[separator.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return .string(text[..<separator.upperBound].lowercased() + authority.lowercased() + text[authority.endIndex...])
    }
}
