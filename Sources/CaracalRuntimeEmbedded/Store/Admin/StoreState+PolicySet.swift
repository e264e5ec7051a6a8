import CaracalRuntime
import Manifest

/// Policy sets, their versions and activation (Admin API reference §6).
extension StoreState {
    static let maximumManifestEntries = 256

    mutating func createPolicySet(zoneID: String, _ fields: [String: RegoValue]) throws(RuntimeError) -> StoredObject {
        let body = RequestBody(fields, code: "invalid_body", noun: "policy set")
        let name = try body.requiredString("name")
        guard !name.isEmpty else { throw body.invalid("The policy set field 'name' must not be empty.") }
        let description = try body.string("description", allowNull: true)
        if active(.policySet, zoneID: zoneID, identity: name) != nil {
            throw RuntimeError.conflict("policy_set_name_conflict", "A policy set named '\(name)' already exists in this zone.")
        }
        let (id, timestamp) = mint()
        var object = ServerFields.created(id: id, at: timestamp)
        object["zone_id"] = .string(zoneID)
        object["name"] = .string(name)
        object["description"] = description.map(RegoValue.string) ?? .null
        object["active_version_id"] = .null
        object["archived_at"] = .null
        return StoredObject(kind: .policySet, fields: object)
    }

    /// A new version of `set` from policy version ids, in order.
    mutating func addPolicySetVersion(_ set: StoredObject, policyVersionIDs: [String]) throws(RuntimeError) -> StoredObject {
        func contract(_ message: String) -> RuntimeError {
            RuntimeError(status: 422, code: "invalid_policy_contract", message: message)
        }
        guard !policyVersionIDs.isEmpty else { throw contract("A policy-set version needs at least one policy version.") }
        guard policyVersionIDs.count <= Self.maximumManifestEntries else {
            throw contract("A policy-set version holds at most \(Self.maximumManifestEntries) policy versions; this one has \(policyVersionIDs.count).")
        }
        var seen: Set<String> = []
        var policies: [RegoValue] = []
        var ruleOwners: [String: String] = [:]
        var schema: String?
        for versionID in policyVersionIDs {
            guard seen.insert(versionID).inserted else { throw contract("The policy version '\(versionID)' is listed twice.") }
            guard let version = objects[versionID], version.kind == .policyVersion, version.zoneID == set.zoneID else {
                throw contract("The policy version '\(versionID)' is not a policy version in this zone.")
            }
            let fields = version.fields
            let versionSchema = fields["schema_version"]?.stringValue ?? ""
            if let schema, schema != versionSchema {
                throw contract("The policy versions use different schema versions ('\(schema)' and '\(versionSchema)').")
            }
            schema = versionSchema
            if case .array(let rules)? = fields["$rules"] {
                for rule in rules.compactMap(\.stringValue) {
                    if let owner = ruleOwners[rule] {
                        throw RuntimeError(
                            status: 422, code: "invalid_policy_bundle",
                            message: "Policy versions '\(owner)' and '\(versionID)' both define the rule '\(rule)'; each rule may be defined once per policy set.")
                    }
                    ruleOwners[rule] = versionID
                }
            }
            policies.append(.object([
                "policy_id": .string(version.parentID),
                "policy_version_id": .string(versionID),
                "content_sha256": fields["content_sha256"] ?? .null,
            ]))
        }
        let latest = versionIDs(of: set.id).last.flatMap { objects[$0] }
        let number = (latest?.field("version").flatMap(Self.integer) ?? 0) + 1
        let (id, timestamp) = mint()
        let fields: [String: RegoValue] = [
            "id": .string(id),
            "policy_set_id": .string(set.id),
            "zone_id": .string(set.zoneID),
            "version": .int(number),
            "manifest_json": .array(policyVersionIDs.map { .object(["policy_version_id": .string($0)]) }),
            "manifest_sha256": .string(Self.manifestSHA256(policyVersionIDs)),
            "policies": .array(policies),
            "schema_version": .string(Self.policySchemaVersion),
            "created_at": .string(timestamp),
            "created_by": .string(ServerFields.actor),
        ]
        return StoredObject(kind: .policySetVersion, fields: fields)
    }

    /// SHA-256 of the manifest array's compact JSON: `[{"policy_version_id":"…"},…]`.
    static func manifestSHA256(_ policyVersionIDs: [String]) -> String {
        var json = "["
        for (index, id) in policyVersionIDs.enumerated() {
            if index > 0 { json += "," }
            json += "{\"policy_version_id\":" + JSONWriter.quoted(id) + "}"
        }
        return SHA256.hex(json + "]")
    }

    /// What `POST /policy-sets/:id/versions` returns.
    static func policySetVersionResponse(_ version: StoredObject) -> [String: RegoValue] {
        var fields = version.publicFields
        fields["manifest_json"] = nil
        fields["policies"] = nil
        fields["version_id"] = .string(version.id)
        return fields
    }

    /// The version `versionID` of `set` (404 `policy_set_version_not_found`).
    func requireSetVersion(_ set: StoredObject, _ versionID: String) throws(RuntimeError) -> StoredObject {
        try Self.checkPathID(versionID, "policy-set version")
        guard let version = objects[versionID], version.kind == .policySetVersion, version.parentID == set.id else {
            throw RuntimeError.notFound(
                "policy_set_version", "Policy set '\(set.identity)' has no version '\(versionID)'.")
        }
        return version
    }

    /// The set with `versionID` active and every other set of the zone inactive, plus the outbox id.
    mutating func activate(_ set: StoredObject, _ version: StoredObject) -> (changes: [StoredObject], outboxID: String) {
        let (outboxID, timestamp) = mint()
        var changes: [StoredObject] = []
        for other in list(.policySet, zoneID: set.zoneID) where other.id != set.id {
            var fields = other.fields
            guard let active = fields["active_version_id"], active != .null else { continue }
            fields["active_version_id"] = .null
            ServerFields.touch(&fields, at: timestamp)
            changes.append(StoredObject(kind: .policySet, fields: fields))
        }
        var fields = set.fields
        fields["active_version_id"] = .string(version.id)
        fields["$activation"] = .object([
            "version_id": .string(version.id), "outbox_id": .string(outboxID), "activated_at": .string(timestamp),
        ])
        ServerFields.touch(&fields, at: timestamp)
        changes.append(StoredObject(kind: .policySet, fields: fields))
        return (changes, outboxID)
    }

    /// The activation status in the Admin API's shape; the embedded runtime loads at once.
    func activationStatus(_ set: StoredObject, _ version: StoredObject, outboxID: String?) -> [String: RegoValue] {
        let fields = set.fields
        let activeVersion = fields["active_version_id"]?.stringValue
        let isActive = activeVersion == version.id
        var activation: [String: RegoValue] = [:]
        if case .object(let members)? = fields["$activation"], members["version_id"]?.stringValue == version.id {
            activation = members
        }
        let recordedOutbox = activation["outbox_id"]?.stringValue
        let activatedAt = activation["activated_at"] ?? .null
        let outboxState: String
        if recordedOutbox == nil {
            outboxState = "missing"
        } else if let outboxID, outboxID != recordedOutbox {
            outboxState = "mismatch"
        } else {
            outboxState = "dispatched"
        }
        let manifestSHA = version.field("manifest_sha256") ?? .null
        let propagation: String
        if !isActive {
            propagation = "waiting_for_activation"
        } else if outboxState == "mismatch" {
            propagation = "failed"
        } else if outboxState != "dispatched" {
            propagation = "waiting_for_outbox"
        } else {
            propagation = "loaded"
        }
        var ageSeconds: RegoValue = .null
        if let at = activatedAt.stringValue, let millis = Timestamp.parseMillis(at) {
            ageSeconds = .int(max(0, Int((Timestamp.nowMillis() - millis) / 1000)))
        }
        let loaded = isActive && outboxState == "dispatched"
        return [
            "zone_id": .string(set.zoneID),
            "policy_set_id": .string(set.id),
            "version_id": .string(version.id),
            "active": .bool(isActive),
            "active_version_id": activeVersion.map(RegoValue.string) ?? .null,
            "manifest_sha256": manifestSHA,
            "propagation_status": .string(propagation),
            "outbox": .object([
                "id": (outboxID ?? recordedOutbox).map(RegoValue.string) ?? .null,
                "state": .string(outboxState),
                "attempts": .int(recordedOutbox == nil ? 0 : 1),
                "last_error": .null,
                "dispatched_at": recordedOutbox == nil ? .null : activatedAt,
            ]),
            "sts": .object([
                "state": .string(loaded ? "loaded" : "not_loaded"),
                "loaded": .bool(loaded),
                "policy_set_version_id": loaded ? .string(version.id) : .null,
                "manifest_sha256": loaded ? manifestSHA : .null,
                "loaded_at": loaded ? activatedAt : .null,
                "age_seconds": loaded ? ageSeconds : .null,
                "detail": .string(loaded ? "Loaded by the embedded runtime." : "This version is not the zone's active one."),
            ]),
        ]
    }
}
