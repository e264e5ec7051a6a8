import Manifest

/// The plan as its versioned JSON document: what `plan --format json` prints and what a plan
/// file holds (SPEC §4).
public enum PlanDocument {
    /// The document for `plan`, with the inputs that `apply FILE` reloads (manifest paths and
    /// `--var` values; never secrets, which only come from references).
    /// - Parameter tests: the policy-test results of sets that would get a new version.
    public static func json(_ plan: Plan, inputs: PlanInputs? = nil, tests: [RegoValue] = []) -> RegoValue {
        let summary = plan.summary
        var document: [String: RegoValue] = [
            "format_version": .int(Plan.formatVersion),
            "runtime": .string(plan.runtime),
            "summary": .object([
                "create": .int(summary.create), "update": .int(summary.update),
                "delete": .int(summary.delete), "activate": .int(summary.activate),
            ]),
            "changes": .array(plan.changes.map(change)),
            "unmanaged": .array(plan.unmanaged.map(unmanaged)),
            "notes": .array(plan.notes.map { .object(["address": .string($0.address.description), "message": .string($0.message)]) }),
            "manifest_digest": .string(plan.manifestDigest),
            "fingerprints": .object(plan.fingerprints.mapValues(RegoValue.string)),
            "tests": .array(tests),
        ]
        if let inputs { document["inputs"] = inputs.json }
        return .object(document)
    }

    static func change(_ change: PlanChange) -> RegoValue {
        var object: [String: RegoValue] = [
            "address": .string(change.address.description),
            "kind": .string(change.address.kind.rawValue),
            "zone": .string(change.address.zone),
            "name": .string(change.address.name),
            "action": .string(change.action.rawValue),
            "fields": .array(change.fields.map { field in
                .object(["path": .string(field.path), "before": field.before.json, "after": field.after.json, "sensitive": .bool(field.sensitive)])
            }),
            "depends_on": .array(change.dependsOn.map { .string($0.description) }),
        ]
        if let id = change.liveID { object["id"] = .string(id) }
        return .object(object)
    }

    static func unmanaged(_ item: UnmanagedObject) -> RegoValue {
        var object: [String: RegoValue] = [
            "kind": .string(item.kind.rawValue), "zone": .string(item.zone),
            "identity": .string(item.identity), "id": .string(item.id),
        ]
        if let reason = item.keptBecause { object["kept_because"] = .string(reason) }
        return .object(object)
    }
}

/// What `apply PLANFILE` needs to load the same manifests again.
public struct PlanInputs: Sendable, Hashable {
    /// The manifest files, as the plan read them.
    public var files: [String]
    /// `--var` and `--var-file` values (never secrets: a secret must be an env or file reference).
    public var variables: [String: String]
    /// The `--target` addresses the plan was limited to.
    public var targets: [ObjectAddress]

    public init(files: [String], variables: [String: String], targets: [ObjectAddress] = []) {
        self.files = files
        self.variables = variables
        self.targets = targets
    }

    var json: RegoValue {
        .object([
            "files": .array(files.map(RegoValue.string)), "variables": .object(variables.mapValues(RegoValue.string)),
            "targets": .array(targets.map { .string($0.description) }),
        ])
    }
}
