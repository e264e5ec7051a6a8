import CaracalRuntime
import Foundation
import Manifest

/// The local Caracal runtime: a durable store with the Admin API's semantics (SPEC §8).
///
/// State lives in a directory: `state.json` (the snapshot), `state.json.bak` (the snapshot
/// before it), `journal.jsonl` (every acknowledged write since the snapshot, one checksummed
/// JSON line each) and `lock` (the writer's `flock`, naming its holder). A write returns only
/// once its journal record is on disk; concurrent writes share one `fdatasync` (group commit).
/// The journal is folded into the snapshot on ``close()``, ``checkpoint()`` and when it grows
/// past ``Options/compactionThreshold``.
public actor EmbeddedRuntime: Runtime {
    /// The schema version of policy inputs and data documents this runtime evaluates.
    public static let schemaVersion = "2026-05-20"

    /// `embedded:<absolute directory>`.
    public nonisolated let identity: String
    /// The absolute state directory.
    public nonisolated let directory: String
    /// Whether this runtime was opened without the writer lock.
    public nonisolated let isReadOnly: Bool

    var state: StoreState
    let journal: JournalFile?
    private let lock: StateLock?
    let compactionThreshold: Int
    var journalBytes: Int
    /// Journal lines not yet written; they end with the record at `state.sequence`.
    var pending: [UInt8] = []
    var durableSequence: UInt64
    var flushing = false
    var flushWaiters: [CheckedContinuation<Void, Never>] = []
    var failure: RuntimeError?
    /// Writes whose record is pending (not yet synced).
    var unsyncedWriters = 0
    /// How many pending records the next sync waits for: the writers around the last sync.
    var gatherTarget = 0
    var gatherToken: UInt64 = 0
    var gatherContinuation: CheckedContinuation<Void, Never>?
    /// How long a sync waits for writers that took part in the last one to come back.
    static let gatherTimeout = Duration.microseconds(500)
    private var isClosed = false

    private init(directory: String, state: StoreState, journal: JournalFile?, lock: StateLock?, journalBytes: Int, options: Options) {
        self.directory = directory
        self.identity = "embedded:" + directory
        self.isReadOnly = journal == nil
        self.state = state
        self.journal = journal
        self.lock = lock
        self.journalBytes = journalBytes
        self.durableSequence = state.sequence
        self.compactionThreshold = max(1, options.compactionThreshold)
    }

    deinit {
        // A runtime dropped without close() keeps what its journal holds and frees the lock.
        if !isClosed { lock?.release() }
    }

    /// Opens (creating if needed) the state directory `directory`.
    ///
    /// - Throws: `state_locked` when another process holds the writer lock (after
    ///   ``Options/lockTimeout``); `state_corrupt` or `state_version_unsupported` for a state
    ///   file this build cannot read, which is left untouched; `state_io_error` otherwise.
    public static func open(directory: String, options: Options = Options()) throws(RuntimeError) -> EmbeddedRuntime {
        let path = URL(fileURLWithPath: directory).standardizedFileURL.path
        let layout = StateLayout(directory: path)
        if options.readOnly {
            guard POSIXFile.exists(path) else {
                return EmbeddedRuntime(directory: path, state: StoreState(), journal: nil, lock: nil, journalBytes: 0, options: options)
            }
            let state = try loadConsistently(layout)
            return EmbeddedRuntime(directory: path, state: state, journal: nil, lock: nil, journalBytes: 0, options: options)
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw RuntimeError(status: 500, code: "state_io_error", message: "Could not create the state folder '\(path)': \(error.localizedDescription)")
        }
        let command = options.command ?? defaultCommand()
        let lock = try StateLock.acquire(path: layout.lock, directory: path, command: command, timeout: options.lockTimeout)
        do {
            let loaded = try StateLoader.load(layout)
            let journal = try JournalFile(layout: layout, loaded: loaded)
            return EmbeddedRuntime(
                directory: path, state: loaded.state, journal: journal, lock: lock,
                journalBytes: loaded.journalValidLength, options: options)
        } catch {
            lock.release()
            throw error
        }
    }

    /// Loads without the lock: retried when a writer compacted in between our reads.
    private static func loadConsistently(_ layout: StateLayout) throws(RuntimeError) -> StoreState {
        var attempt = 0
        while true {
            attempt += 1
            let before = POSIXFile.inode(layout.snapshot)
            do {
                let loaded = try StateLoader.load(layout)
                if POSIXFile.inode(layout.snapshot) == before { return loaded.state }
            } catch {
                // A gap means the journal was reset after we read the snapshot; read again.
                if attempt >= 5 || POSIXFile.inode(layout.snapshot) == before { throw error }
            }
            if attempt >= 5 { return try StateLoader.load(layout).state }
        }
    }

    private static func defaultCommand() -> String {
        let arguments = CommandLine.arguments
        guard let first = arguments.first else { return "unknown" }
        let name = first.split(separator: "/").last.map(String.init) ?? first
        return ([name] + arguments.dropFirst()).joined(separator: " ")
    }

    /// Folds the journal into a new snapshot (keeping the previous one as the backup).
    public func checkpoint() async throws(RuntimeError) {
        try checkWritable()
        try await withFlushLock { () async throws(RuntimeError) in try await self.compactHoldingFlushLock() }
    }

    /// Checkpoints (when anything was written), releases the writer lock and closes the files;
    /// later calls fail.
    public func close() async throws(RuntimeError) {
        guard !isClosed else { return }
        defer {
            isClosed = true
            lock?.release()
        }
        // With nothing journaled there is nothing to fold in: leave every file as it is, so an
        // apply that changes nothing writes nothing.
        if journal != nil, failure == nil, journalBytes > 0 {
            try await withFlushLock { () async throws(RuntimeError) in try await self.compactHoldingFlushLock() }
        }
    }

    /// Releases the lock without compacting, leaving the files as a killed process would
    /// (for tests of recovery).
    func abandonWithoutCheckpoint() {
        guard !isClosed else { return }
        isClosed = true
        lock?.release()
    }

    // MARK: Runtime: reads

    /// Lists on the actor, but decodes the records' JSON in the caller's task, so that lists
    /// in flight together decode on every core instead of one after another on the actor.
    public nonisolated func list(_ kind: ManifestKind, zoneID: String?) async throws(RuntimeError) -> [LiveObject] {
        var keys: [String] = []
        return try await records(kind, zoneID: zoneID).map { $0.liveObject(sharingKeys: &keys) }
    }

    private func records(_ kind: ManifestKind, zoneID: String?) throws(RuntimeError) -> [StoredObject] {
        try checkUsable()
        if kind == .zone { return state.list(.zone, zoneID: "") }
        let zone = try state.requireZone(zoneID)
        return state.list(RecordKind(kind), zoneID: zone.id)
    }

    public func get(_ kind: ManifestKind, id: String, zoneID: String?) async throws(RuntimeError) -> LiveObject {
        try checkUsable()
        let object = try find(kind, id: id, zoneID: zoneID)
        if kind == .policy { return LiveObject(kind: .policy, fields: state.policyDetail(object)) }
        return object.liveObject
    }

    public func policySetVersion(zoneID: String, policySetID: String, versionID: String) async throws(RuntimeError) -> LiveObject {
        try checkUsable()
        let set = try find(.policySet, id: policySetID, zoneID: zoneID)
        let version = try state.requireSetVersion(set, versionID)
        var fields = version.publicFields
        fields["version_id"] = .string(version.id)
        return LiveObject(kind: .policySet, fields: fields)
    }

    /// A policy set's versions, newest first, as the Admin API lists them (without
    /// `manifest_json` and `policies`).
    public func policySetVersions(zoneID: String, policySetID: String) async throws(RuntimeError) -> [LiveObject] {
        try checkUsable()
        let set = try find(.policySet, id: policySetID, zoneID: zoneID)
        return state.versionIDs(of: set.id).reversed().compactMap { id in
            state.objects[id].map { LiveObject(kind: .policySet, fields: StoreState.policySetVersionResponse($0)) }
        }
    }

    public func activationStatus(zoneID: String, policySetID: String, versionID: String, outboxID: String?) async throws(RuntimeError) -> LiveObject {
        try checkUsable()
        let set = try find(.policySet, id: policySetID, zoneID: zoneID)
        let version = try state.requireSetVersion(set, versionID)
        return LiveObject(kind: .policySet, fields: state.activationStatus(set, version, outboxID: outboxID))
    }

    public func simulate(zoneID: String, policySetID: String, versionID: String, input: RegoValue?) async throws(RuntimeError) -> LiveObject {
        try await simulateVersion(zoneID: zoneID, policySetID: policySetID, versionID: versionID, input: input)
    }

    public nonisolated func secretsMatch(zoneID: String, providerID: String, secrets: [String: String]) async throws(RuntimeError) -> Bool? {
        // Decoding the record and hashing happen off the actor: a plan asks once per provider.
        StoreState.providerSecretsMatch(try await provider(id: providerID, zoneID: zoneID), secrets)
    }

    private func provider(id: String, zoneID: String) throws(RuntimeError) -> StoredObject {
        try checkUsable()
        return try find(.provider, id: id, zoneID: zoneID)
    }

    // MARK: Runtime: writes

    public func create(_ kind: ManifestKind, zoneID: String?, body: [String: RegoValue]) async throws(RuntimeError) -> LiveObject {
        try checkWritable()
        if kind == .zone {
            let zone = try state.createZone(body)
            try await commit([zone])
            return zone.liveObject
        }
        return try await createInZone(kind, zone: try state.requireZone(zoneID), body: body)
    }

    /// Creates an object of a kind that lives in a zone.
    private func createInZone(_ kind: ManifestKind, zone: StoredObject, body: [String: RegoValue]) async throws(RuntimeError) -> LiveObject {
        switch kind {
        case .zone:
            throw RuntimeError(status: 400, code: "invalid_zone", message: "Zones are not created inside a zone.")
        case .application:
            let (application, secret) = try state.createApplication(zoneID: zone.id, body)
            try await commit([application])
            var fields = application.publicFields
            fields["traits"] = nil  // the create response does not echo traits
            fields["client_secret"] = .string(secret)
            return LiveObject(kind: .application, fields: fields)
        case .provider:
            let provider = try state.createProvider(zoneID: zone.id, body)
            try await commit([provider])
            return provider.liveObject
        case .resource:
            let resource = try state.createResource(zoneID: zone.id, body)
            try await commit([resource])
            return resource.liveObject
        case .policy:
            let (policy, version) = try state.createPolicy(zoneID: zone.id, body)
            try await commit([policy, version])
            return LiveObject(kind: .policy, fields: StoreState.policyCreateResponse(policy, version))
        case .policySet:
            let set = try state.createPolicySet(zoneID: zone.id, body)
            try await commit([set])
            return set.liveObject
        }
    }

    public func patch(_ kind: ManifestKind, id: String, zoneID: String?, body: [String: RegoValue]) async throws(RuntimeError) -> LiveObject {
        try checkWritable()
        let updated: StoredObject
        switch kind {
        case .zone: updated = try state.patchZone(try find(kind, id: id, zoneID: zoneID), body)
        case .application: updated = try state.patchApplication(try find(kind, id: id, zoneID: zoneID), body)
        case .provider: updated = try state.patchProvider(try find(kind, id: id, zoneID: zoneID), body)
        case .resource: updated = try state.patchResource(try find(kind, id: id, zoneID: zoneID), body)
        case .policy, .policySet:
            throw RuntimeError(
                status: 405, code: "method_not_allowed",
                message: "\(kind == .policy ? "Policies" : "Policy sets") cannot be patched; add a new version instead.")
        }
        try await commit([updated])
        return updated.liveObject
    }

    public func delete(_ kind: ManifestKind, id: String, zoneID: String?) async throws(RuntimeError) {
        try checkWritable()
        let object = try find(kind, id: id, zoneID: zoneID)
        var archived = state.archived(object)
        if kind == .provider || kind == .application {
            // Archiving deletes a provider's sealed secrets and an application's client secret.
            var fields = archived.fields
            fields["$sealed"] = nil
            fields["$client_secret"] = nil
            archived = StoredObject(kind: archived.kind, fields: fields)
        }
        try await commit([archived])
    }

    public func addPolicyVersion(zoneID: String, policyID: String, content: String) async throws(RuntimeError) -> LiveObject {
        try checkWritable()
        let policy = try find(.policy, id: policyID, zoneID: zoneID)
        let version = try state.addPolicyVersion(policy, ["content": .string(content)])
        try await commit([version])
        return LiveObject(kind: .policy, fields: StoreState.policyVersionResponse(version))
    }

    public func addPolicySetVersion(zoneID: String, policySetID: String, policyVersionIDs: [String]) async throws(RuntimeError) -> LiveObject {
        try checkWritable()
        let set = try find(.policySet, id: policySetID, zoneID: zoneID)
        let version = try state.addPolicySetVersion(set, policyVersionIDs: policyVersionIDs)
        try await commit([version])
        return LiveObject(kind: .policySet, fields: StoreState.policySetVersionResponse(version))
    }

    public func activate(zoneID: String, policySetID: String, versionID: String) async throws(RuntimeError) -> LiveObject {
        try checkWritable()
        let set = try find(.policySet, id: policySetID, zoneID: zoneID)
        let version = try state.requireSetVersion(set, versionID)
        let (changes, outboxID) = state.activate(set, version)
        try await commit(changes)
        let statusURL = "/v1/zones/\(set.zoneID)/policy-sets/\(set.id)/activation-status?version_id=\(version.id)&outbox_id=\(outboxID)"
        return LiveObject(kind: .policySet, fields: [
            "activated": .bool(true),
            "version_id": .string(version.id),
            "outbox_id": .string(outboxID),
            "status_url": .string(statusURL),
        ])
    }

    // MARK: Helpers

    /// The active object `id` of `kind`, in `zoneID` for every kind but zones.
    private func find(_ kind: ManifestKind, id: String, zoneID: String?) throws(RuntimeError) -> StoredObject {
        let recordKind = RecordKind(kind)
        if kind == .zone {
            try StoreState.checkPathID(id, "zone")
            guard let zone = state.object(id), zone.kind == .zone, !zone.isArchived else {
                throw RuntimeError.notFound("zone", "Zone '\(id)' does not exist.")
            }
            return zone
        }
        let zone = try state.requireZone(zoneID)
        return try state.requireActive(recordKind, id: id, zoneID: zone.id)
    }

    private func checkUsable() throws(RuntimeError) {
        if isClosed {
            throw RuntimeError(status: 500, code: "state_closed", message: "The embedded runtime for '\(directory)' is closed.")
        }
        if let failure { throw failure }
    }

    private func checkWritable() throws(RuntimeError) {
        try checkUsable()
        if journal == nil {
            throw RuntimeError(
                status: 403, code: "state_read_only",
                message: "The embedded state in '\(directory)' was opened read-only; open it for writing to change it.")
        }
    }
}
