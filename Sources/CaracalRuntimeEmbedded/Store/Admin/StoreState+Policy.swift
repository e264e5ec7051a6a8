import CaracalRuntime
import Manifest

/// Policies and their immutable, numbered versions (Admin API reference §5).
extension StoreState {
    /// The schema version of every policy and policy-set version.
    static let policySchemaVersion = "2026-05-20"

    /// The new policy and its first version.
    mutating func createPolicy(zoneID: String, _ fields: [String: RegoValue]) throws(RuntimeError) -> (policy: StoredObject, version: StoredObject) {
        let body = RequestBody(fields, code: "invalid_body", noun: "policy")
        let name = try body.requiredString("name")
        guard !name.isEmpty else { throw body.invalid("The policy field 'name' must not be empty.") }
        let description = try body.string("description", allowNull: true)
        let content = try body.requiredString("content")
        if name.hasPrefix("caracal.sys/") { throw Self.reserved("policy name", name, "caracal.sys/") }
        try Self.checkRego(content)
        if active(.policy, zoneID: zoneID, identity: name) != nil {
            throw RuntimeError.conflict("policy_name_conflict", "A policy named '\(name)' already exists in this zone.")
        }
        let (id, timestamp) = mint()
        var object = ServerFields.created(id: id, at: timestamp)
        object["zone_id"] = .string(zoneID)
        object["name"] = .string(name)
        object["description"] = description.map(RegoValue.string) ?? .null
        object["archived_at"] = .null
        let policy = StoredObject(kind: .policy, fields: object)
        let version = makePolicyVersion(policyID: id, zoneID: zoneID, number: 1, content: content)
        return (policy, version)
    }

    /// A new version of `policy`.
    mutating func addPolicyVersion(_ policy: StoredObject, _ fields: [String: RegoValue]) throws(RuntimeError) -> StoredObject {
        let body = RequestBody(fields, code: "invalid_body", noun: "policy version")
        let content = try body.requiredString("content")
        try Self.checkRego(content)
        let latest = versionIDs(of: policy.id).last.flatMap { objects[$0] }
        let number = (latest?.field("version").flatMap(Self.integer) ?? 0) + 1
        return makePolicyVersion(policyID: policy.id, zoneID: policy.zoneID, number: number, content: content)
    }

    private mutating func makePolicyVersion(policyID: String, zoneID: String, number: Int, content: String) -> StoredObject {
        let (id, timestamp) = mint()
        let rules = RegoDataDocumentParser.parse(content, file: "policy").document?.rules.map(\.name) ?? []
        let fields: [String: RegoValue] = [
            "id": .string(id),
            "policy_id": .string(policyID),
            "zone_id": .string(zoneID),
            "version": .int(number),
            "content": .string(content),
            "content_sha256": .string(SHA256.hex(content)),
            "schema_version": .string(Self.policySchemaVersion),
            "created_at": .string(timestamp),
            "created_by": .string(ServerFields.actor),
            "$rules": .array(rules.map(RegoValue.string)),
        ]
        return StoredObject(kind: .policyVersion, fields: fields)
    }

    /// The policy with `versions`, newest first, each with its content.
    func policyDetail(_ policy: StoredObject) -> [String: RegoValue] {
        var fields = policy.publicFields
        let versions = versionIDs(of: policy.id).reversed().compactMap { objects[$0] }
        fields["versions"] = .array(versions.map { .object($0.publicFields) })
        return fields
    }

    /// What `POST /policies` returns.
    static func policyCreateResponse(_ policy: StoredObject, _ version: StoredObject) -> [String: RegoValue] {
        var fields = policy.publicFields
        var versionFields = version.publicFields
        versionFields["content"] = nil
        fields["version_id"] = .string(version.id)
        fields["version"] = .object(versionFields)
        return fields
    }

    /// What `POST /policies/:id/versions` returns.
    static func policyVersionResponse(_ version: StoredObject) -> [String: RegoValue] {
        var fields = version.publicFields
        fields["content"] = nil
        fields["version_id"] = .string(version.id)
        return fields
    }

    /// 422 `invalid_rego` with the rule id, as the API reports it.
    static func checkRego(_ content: String) throws(RuntimeError) {
        if let violation = RegoPolicyRules.firstViolation(in: content) {
            throw RuntimeError(
                status: 422, code: "invalid_rego",
                message: "The policy content breaks Caracal's Rego rule '\(violation.ruleID)': \(violation.message)")
        }
    }

    static func integer(_ value: RegoValue) -> Int? {
        if case .number(let number) = value, number.isWhole { return Int(number.value) }
        return nil
    }
}
