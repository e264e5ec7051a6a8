import Manifest

/// What applying the manifests would change, and what it was computed from (SPEC §4).
public struct Plan: Sendable, Hashable {
    /// The version of the plan document's format.
    public static let formatVersion = 1

    /// The runtime's identity the plan was made against.
    public var runtime: String
    /// The changes, deletions first, then in dependency order.
    public var changes: [PlanChange]
    public var unmanaged: [UnmanagedObject]
    /// What a reviewer should know that apply does not change (create-only fields, values a
    /// token cannot see, objects kept from deletion).
    public var notes: [PlanNote]
    /// A digest of the resolved manifests (secret references, never values).
    public var manifestDigest: String
    /// A fingerprint of every live object read, by `Kind/id`.
    public var fingerprints: [String: String]

    public init(
        runtime: String, changes: [PlanChange], unmanaged: [UnmanagedObject], notes: [PlanNote] = [],
        manifestDigest: String, fingerprints: [String: String]
    ) {
        self.runtime = runtime
        self.changes = changes
        self.unmanaged = unmanaged
        self.notes = notes
        self.manifestDigest = manifestDigest
        self.fingerprints = fingerprints
    }

    /// Counts by action, for the summary line.
    public struct Summary: Sendable, Hashable {
        public var create = 0
        public var update = 0
        public var delete = 0
        public var activate = 0

        public var isEmpty: Bool { create + update + delete + activate == 0 }
    }

    public var summary: Summary {
        var summary = Summary()
        for change in changes {
            switch change.action {
            case .create: summary.create += 1
            case .update, .newVersion: summary.update += 1
            case .delete: summary.delete += 1
            case .activate: summary.activate += 1
            }
        }
        return summary
    }

    /// Whether applying the plan would change nothing.
    public var hasChanges: Bool { !changes.isEmpty }

    /// `Plan: 2 to create, 1 to update, 1 to delete, 1 policy set to activate.`
    public var summaryLine: String {
        let summary = self.summary
        guard !summary.isEmpty else { return "No changes. The live state matches the manifests." }
        let sets = summary.activate == 1 ? "1 policy set" : "\(summary.activate) policy sets"
        return "Plan: \(summary.create) to create, \(summary.update) to update, \(summary.delete) to delete, \(sets) to activate."
    }
}
