import Manifest

/// The one seam between caracal-apply and a Caracal runtime (SPEC §1).
///
/// The planner reads through it and the reconciler writes through it; the embedded runtime
/// and the Admin API client implement it with the same semantics, so everything above is
/// identical for both. Objects are passed as the Admin API's JSON (``LiveObject``), request
/// bodies as the API's JSON bodies. Every method throws ``RuntimeError`` with the API's codes.
public protocol Runtime: Sendable {
    /// What this runtime is, recorded in plan files: `embedded:/abs/dir` or `https://host:port`.
    var identity: String { get }

    /// Every active object of a kind: zones when `zoneID` is `nil`, otherwise the kind's objects
    /// in that zone. Pagination, if any, is the runtime's business; one call is one "list".
    func list(_ kind: ManifestKind, zoneID: String?) async throws(RuntimeError) -> [LiveObject]

    /// One object with its details: a policy with `versions` (newest first, with `content`), a
    /// policy set with `active_version_id`.
    func get(_ kind: ManifestKind, id: String, zoneID: String?) async throws(RuntimeError) -> LiveObject

    /// Creates an object from an Admin API create body; returns the created object.
    ///
    /// A policy's body carries its first version's `content`; the result has `version_id`.
    func create(_ kind: ManifestKind, zoneID: String?, body: [String: RegoValue]) async throws(RuntimeError) -> LiveObject

    /// Applies an Admin API patch body; returns the updated object.
    func patch(_ kind: ManifestKind, id: String, zoneID: String?, body: [String: RegoValue]) async throws(RuntimeError) -> LiveObject

    /// Archives (soft-deletes) an object.
    func delete(_ kind: ManifestKind, id: String, zoneID: String?) async throws(RuntimeError)

    /// Adds an immutable version to a policy; returns `{version_id, id, policy_id, version, content_sha256, …}`.
    func addPolicyVersion(zoneID: String, policyID: String, content: String) async throws(RuntimeError) -> LiveObject

    /// Adds an immutable version to a policy set from policy version ids, in order; returns
    /// `{version_id, id, policy_set_id, version, manifest_sha256, …}`.
    func addPolicySetVersion(zoneID: String, policySetID: String, policyVersionIDs: [String]) async throws(RuntimeError) -> LiveObject

    /// One policy-set version with `manifest_json` (its policy version ids, in order) and
    /// `policies` (each with `policy_id`, `policy_version_id`, `content_sha256`).
    func policySetVersion(zoneID: String, policySetID: String, versionID: String) async throws(RuntimeError) -> LiveObject

    /// Activates a policy-set version; returns `{activated, version_id, outbox_id, status_url}`.
    func activate(zoneID: String, policySetID: String, versionID: String) async throws(RuntimeError) -> LiveObject

    /// The activation's propagation status (`propagation_status`: `waiting_for_outbox`,
    /// `waiting_for_sts`, `loaded`, `failed`, …).
    func activationStatus(zoneID: String, policySetID: String, versionID: String, outboxID: String?) async throws(RuntimeError) -> LiveObject

    /// Evaluates a policy-set version against an input without activating it (Admin API simulate).
    func simulate(zoneID: String, policySetID: String, versionID: String, input: RegoValue?) async throws(RuntimeError) -> LiveObject

    /// Whether the provider's stored secrets equal `secrets` (key → value), when the runtime can
    /// tell; `nil` when it cannot (a Caracal deployment never returns secrets).
    func secretsMatch(zoneID: String, providerID: String, secrets: [String: String]) async throws(RuntimeError) -> Bool?
}
