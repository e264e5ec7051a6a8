import CaracalRuntime
import Manifest

/// Protected resources (Admin API reference §4).
extension StoreState {
    /// `API_MAX_RESOURCES_PER_ZONE`.
    static let maximumResourcesPerZone = 100_000

    mutating func createResource(zoneID: String, _ fields: [String: RegoValue]) throws(RuntimeError) -> StoredObject {
        let body = RequestBody(fields, code: "invalid_resource", noun: "resource")
        let name = try body.string("name")
        let givenIdentifier = try body.string("identifier")
        guard name != nil || givenIdentifier != nil else {
            throw body.invalid("A resource needs a 'name' or an 'identifier'.")
        }
        if let name { try Self.checkResourceName(name, body) }
        var merged: [String: RegoValue] = [:]
        merged["scopes"] = fields["scopes"]
        merged["upstream_url"] = fields["upstream_url"] ?? .null
        merged["operations"] = fields["operations"] ?? .array([])
        merged["operation_enforcement"] = fields["operation_enforcement"] ?? .string("enforced")
        merged["credential_provider_id"] = fields["credential_provider_id"] ?? .null
        let validated = try validateResource(merged, zoneID: zoneID, body: body)
        let identifier: String
        if let givenIdentifier {
            try Self.checkResourceIdentifier(givenIdentifier)
            try checkResourceIdentifierFree(givenIdentifier, zoneID: zoneID, except: nil)
            identifier = givenIdentifier
        } else {
            var base = Slug.derive(from: name ?? "")
            if base.isEmpty { base = "resource" }
            identifier = "resource://" + Slug.firstFree(base) { candidate in
                isResourceIdentifierUsed("resource://" + candidate, zoneID: zoneID)
                    || active(.resource, zoneID: zoneID, identity: "resource://" + candidate) != nil
            }
        }
        if activeCount(.resource, zoneID: zoneID) >= Self.maximumResourcesPerZone {
            throw RuntimeError.conflict(
                "resource_quota_exceeded", "The zone already has \(Self.maximumResourcesPerZone) resources, the most it may hold.")
        }
        let (id, timestamp) = mint()
        var object = ServerFields.created(id: id, at: timestamp)
        object.merge(validated) { _, new in new }
        object["zone_id"] = .string(zoneID)
        object["name"] = .string(name ?? identifier)
        object["identifier"] = .string(identifier)
        object["archived_at"] = .null
        return StoredObject(kind: .resource, fields: object)
    }

    func patchResource(_ resource: StoredObject, _ fields: [String: RegoValue]) throws(RuntimeError) -> StoredObject {
        let body = RequestBody(fields, code: "invalid_resource", noun: "resource")
        let keys = ["name", "identifier", "scopes", "upstream_url", "credential_provider_id", "operations", "operation_enforcement"]
        if !keys.contains(where: body.has) {
            throw RuntimeError.invalid("no_fields", "The resource patch has no fields to change.")
        }
        var object = resource.fields
        if let name = try body.string("name") {
            try Self.checkResourceName(name, body)
            object["name"] = .string(name)
        }
        if let identifier = try body.string("identifier"), identifier != resource.identity {
            try Self.checkResourceIdentifier(identifier)
            try checkResourceIdentifierFree(identifier, zoneID: resource.zoneID, except: resource.id)
            object["identifier"] = .string(identifier)
        }
        // Validated against the merged current and patched values.
        var merged: [String: RegoValue] = [:]
        for key in ["scopes", "upstream_url", "operations", "operation_enforcement", "credential_provider_id"] {
            merged[key] = fields[key] ?? object[key] ?? .null
        }
        let providerChanged = fields["credential_provider_id"] != nil && fields["credential_provider_id"] != object["credential_provider_id"]
        let validated = try validateResource(merged, zoneID: resource.zoneID, body: body, checkProvider: providerChanged)
        object.merge(validated) { _, new in new }
        ServerFields.touch(&object, at: now())
        return StoredObject(kind: .resource, fields: object)
    }

    /// Checks scopes, upstream URL, provider and operations; returns them normalised.
    private func validateResource(
        _ fields: [String: RegoValue], zoneID: String, body: RequestBody, checkProvider: Bool = true
    ) throws(RuntimeError) -> [String: RegoValue] {
        let merged = RequestBody(fields, code: body.code, noun: body.noun)
        guard let scopes = try merged.stringArray("scopes") else {
            throw body.invalid("The resource field 'scopes' is required (1 to 64 scopes).")
        }
        guard (1...64).contains(scopes.count) else {
            throw body.invalid("A resource has 1 to 64 scopes; this one has \(scopes.count).")
        }
        for scope in scopes where !(1...200).contains(scope.jsLength) {
            throw body.invalid("The scope '\(scope)' must be 1 to 200 characters long.")
        }
        guard let upstream = try merged.string("upstream_url", allowNull: true) else {
            throw RuntimeError.invalid("upstream_url_required", "A resource needs an 'upstream_url' (an http or https URL).")
        }
        guard let url = SimpleURL(upstream), url.scheme == "http" || url.scheme == "https", !url.host.isEmpty else {
            throw body.invalid("The resource's 'upstream_url' '\(upstream)' must be an http or https URL.")
        }
        guard let providerID = try merged.string("credential_provider_id", allowNull: true) else {
            throw RuntimeError.invalid(
                "credential_provider_required", "A resource needs a 'credential_provider_id' (the id of a provider in its zone).")
        }
        if checkProvider {
            guard let provider = objects[providerID], provider.kind == .provider, provider.zoneID == zoneID, !provider.isArchived else {
                throw RuntimeError.notFound("provider", "Provider '\(providerID)' does not exist in zone '\(zoneID)'.")
            }
        }
        let enforcement = try merged.string("operation_enforcement") ?? "enforced"
        guard enforcement == "enforced" || enforcement == "transport_uniform" else {
            throw body.invalid("The resource's 'operation_enforcement' must be 'enforced' or 'transport_uniform', not '\(enforcement)'.")
        }
        let operations = try merged.array("operations") ?? []
        guard operations.count <= 256 else {
            throw body.invalid("A resource has at most 256 operations; this one has \(operations.count).")
        }
        let scopeSet = Set(scopes)
        var seen: Set<String> = []
        var normalizedOperations: [RegoValue] = []
        normalizedOperations.reserveCapacity(operations.count)
        for (index, operation) in operations.enumerated() {
            guard case .object(let members) = operation else {
                throw body.invalid("The resource's 'operations[\(index)]' must be an object with method, path and scope.")
            }
            let method = members["method"]?.stringValue?.trimmed.uppercased() ?? ""
            let path = members["path"]?.stringValue ?? ""
            guard !method.isEmpty, !path.isEmpty else {
                throw RuntimeError.invalid(
                    "operation_method_and_path_required", "Operation \(index + 1) needs both a 'method' and a 'path'.")
            }
            guard method.jsLength <= 16, path.jsLength <= 512 else {
                throw body.invalid("Operation \(index + 1): the method is at most 16 characters and the path at most 512.")
            }
            guard path.hasPrefix("/") else {
                throw RuntimeError.invalid(
                    "operation_path_must_be_absolute", "Operation \(index + 1)'s path '\(path)' must start with '/'.")
            }
            guard let scope = members["scope"]?.stringValue, scopeSet.contains(scope) else {
                let scope = members["scope"]?.stringValue ?? ""
                throw RuntimeError.invalid(
                    "operation_scope_not_in_resource_scopes",
                    "Operation '\(method) \(path)' uses scope '\(scope)', which is not one of the resource's scopes.")
            }
            guard seen.insert(method + " " + path).inserted else {
                throw RuntimeError.invalid("operation_duplicate", "The operation '\(method) \(path)' is listed twice.")
            }
            normalizedOperations.append(.object(["method": .string(method), "path": .string(path), "scope": .string(scope)]))
        }
        return [
            "scopes": .array(scopes.map(RegoValue.string)),
            "upstream_url": .string(upstream),
            "credential_provider_id": .string(providerID),
            "operations": .array(normalizedOperations),
            "operation_enforcement": .string(enforcement),
        ]
    }

    private static func checkResourceName(_ name: String, _ body: RequestBody) throws(RuntimeError) {
        guard (1...200).contains(name.jsLength) else {
            throw body.invalid("The resource name must be 1 to 200 characters long.")
        }
    }

    /// An absolute URL, 1..512, no userinfo, not `provider:` (400 `invalid_resource_identifier`).
    private static func checkResourceIdentifier(_ identifier: String) throws(RuntimeError) {
        func invalid(_ why: String) -> RuntimeError {
            RuntimeError.invalid("invalid_resource_identifier", "The resource identifier '\(identifier)' \(why).")
        }
        guard (1...512).contains(identifier.jsLength) else { throw invalid("must be 1 to 512 characters long") }
        guard let url = SimpleURL(identifier) else {
            throw invalid("must be an absolute URL such as 'resource://name' or 'https://api.example.com'")
        }
        if url.scheme == "provider" { throw invalid("must not use the 'provider:' scheme, which names credential providers") }
        if url.hasUserInfo { throw invalid("must not contain a user name or password") }
        if identifier.hasPrefix("caracal-sys://") { throw reserved("resource identifier", identifier, "caracal-sys://") }
    }

    private func checkResourceIdentifierFree(_ identifier: String, zoneID: String, except id: String?) throws(RuntimeError) {
        if let existing = active(.resource, zoneID: zoneID, identity: identifier), existing.id != id {
            throw RuntimeError.conflict(
                "resource_identifier_conflict", "A resource with identifier '\(identifier)' already exists in this zone.")
        }
    }
}
