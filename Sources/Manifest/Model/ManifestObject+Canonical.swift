import Foundation

extension ManifestObject {
    /// The object as canonical JSON for digests: every declared field, secrets as their
    /// references (never their values), sets sorted.
    public var canonical: RegoValue {
        var spec: [String: RegoValue] = [:]
        func put(_ key: String, _ value: String?) { if let value { spec[key] = .string(value) } }
        func put(_ key: String, _ value: Bool?) { if let value { spec[key] = .bool(value) } }
        func put(_ key: String, _ values: [String]?) { if let values { spec[key] = .array(values.map(RegoValue.string)) } }
        switch self.spec {
        case .zone(let zone):
            put("name", zone.name)
            put("dcr_enabled", zone.dcrEnabled)
            put("prune", zone.prune)
            put("external", zone.external)
            put("id", zone.id)
        case .application(let application):
            put("traits", application.traits?.sorted())
        case .provider(let provider):
            put("identifier", provider.identifier)
            put("name", provider.name)
            put("kind", provider.kind.rawValue)
            if let config = provider.config { spec["config"] = .object(config) }
            spec["secrets"] = .object(provider.secrets.mapValues { .string($0.reference) })
        case .resource(let resource):
            put("identifier", resource.identifier)
            put("name", resource.name)
            put("scopes", resource.scopes.sorted())
            put("upstream_url", resource.upstreamURL)
            put("provider", resource.provider)
            if let operations = resource.operations {
                spec["operations"] = .array(operations.sorted().map {
                    .object(["method": .string($0.method), "path": .string($0.path), "scope": .string($0.scope)])
                })
            }
            put("operation_enforcement", resource.operationEnforcement?.rawValue)
        case .policy(let policy):
            put("description", policy.description)
            switch policy.body {
            case .data(let data):
                var appIDs: [String: RegoValue] = [:]
                for (key, value) in data.appIDs ?? [:] {
                    switch value {
                    case .literal(let id): appIDs[key] = .string(id)
                    case .application(let name): appIDs[key] = .object(["application": .string(name)])
                    }
                }
                var rules = data.rules
                if data.appIDs != nil { rules["app_ids"] = .object(appIDs) }
                spec["data"] = .object(rules)
            case .source(let path, let text, _):
                spec["source"] = .string(path)
                spec["content"] = .string(text)
            case .content(let text, _):
                spec["content"] = .string(text)
            }
        case .policySet(let set):
            put("policies", set.policies)
            put("activate", set.activate)
            put("description", set.description)
            spec["tests"] = .array(set.tests.map { .string($0.name) })
        }
        return .object([
            "kind": .string(kind.rawValue), "zone": .string(zone), "name": .string(name),
            "protect": .bool(protect), "spec": .object(spec),
        ])
    }
}

extension DesiredState {
    /// A digest of every declared object's canonical form (SPEC §4 plan files), computed once.
    ///
    /// It is the SHA-256 of each object's compact canonical JSON followed by a newline, in
    /// order. The JSON is written on every core, a few pieces of objects at a time, and the
    /// pieces are hashed in order.
    public var digest: String {
        digestCache.value {
            let objects = self.objects
            let piece = 256
            let pieces = (objects.count + piece - 1) / piece
            let window = 4 * ProcessInfo.processInfo.activeProcessorCount
            var hasher = SHA256()
            for first in stride(from: 0, to: pieces, by: window) {
                let lines = parallelMap(min(window, pieces - first)) { index in
                    var bytes: [UInt8] = []
                    let start = (first + index) * piece
                    for object in objects[start..<min(objects.count, start + piece)] {
                        JSONWriter.writeCompact(object.canonical, into: &bytes)
                        bytes.append(UInt8(ascii: "\n"))
                    }
                    return bytes
                }
                for bytes in lines { hasher.update(bytes) }
            }
            return hasher.finalizeHex()
        }
    }
}
