import CaracalRuntime
import Manifest
import Planner

/// Carries out one change: builds its request from the manifests and the ids known so far,
/// sends it, and recovers from ambiguous failures by reading back before retrying.
struct ChangeStep: Sendable {
    let change: PlanChange
    let state: ReconcileState
    let desired: DesiredState
    let executor: PlanExecutor

    /// The outcome, and the new policy version id for policy creates and new versions.
    func run(_ runtime: some Runtime) async -> (ChangeOutcome, String?) {
        if let blocker = change.dependsOn.first(where: { state.unavailable[$0] != nil }), let cause = state.unavailable[blocker] {
            return (ChangeOutcome(change: change, status: .skipped(reason: "not attempted because \(cause)")), nil)
        }
        do {
            return try await perform(runtime)
        } catch {
            return (ChangeOutcome(change: change, status: .failed(error)), nil)
        }
    }

    private var address: ObjectAddress { change.address }

    private func perform(_ runtime: some Runtime) async throws(RuntimeError) -> (ChangeOutcome, String?) {
        let zoneID = address.kind == .zone ? nil : state.zoneIDs[address.zone]
        switch change.action {
        case .delete: return (try await delete(runtime, zoneID: zoneID), nil)
        case .create: return try await create(try declared(), runtime, zoneID: zoneID)
        case .update: return (try await update(try declared(), runtime, zoneID: zoneID), nil)
        case .newVersion: return try await newVersion(try declared(), runtime, zoneID: try existingZone(zoneID))
        case .activate: return (try await activate(try declared(), runtime, zoneID: try existingZone(zoneID)), nil)
        }
    }

    /// The manifest object the change writes.
    private func declared() throws(RuntimeError) -> ManifestObject {
        guard let object = desired.object(at: address) else {
            throw RuntimeError(status: 0, code: "not_declared", message: "\(address) is no longer declared by the manifests.")
        }
        if address.kind != .zone, state.zoneIDs[address.zone] == nil {
            throw RuntimeError(status: 0, code: "zone_missing", message: "Zone '\(address.zone)' does not exist, so \(address) cannot be written.")
        }
        return object
    }

    private func existingZone(_ zoneID: String?) throws(RuntimeError) -> String {
        guard let zoneID else {
            throw RuntimeError(status: 0, code: "zone_missing", message: "Zone '\(address.zone)' does not exist, so \(address) cannot be written.")
        }
        return zoneID
    }

    // MARK: Writes

    private func create(_ object: ManifestObject, _ runtime: some Runtime, zoneID: String?) async throws(RuntimeError) -> (ChangeOutcome, String?) {
        let body = RequestBody.create(for: object, ids: state.lookup)
        try requireResolved(body)
        let (created, notes) = try await attempt { () async throws(RuntimeError) in
            try await runtime.create(address.kind, zoneID: zoneID, body: body.sendable())
        } readBack: { () async throws(RuntimeError) in
            // The create may have happened: find the object by its identity before trying again.
            try await findByIdentity(object, runtime, zoneID: zoneID)
        }
        var version = address.kind == .policy ? created.string("version_id") : nil
        if address.kind == .policy, version == nil {
            version = try await latestPolicyVersion(runtime, zoneID: zoneID!, policyID: created.id)
        }
        return (ChangeOutcome(change: change, status: .succeeded(id: created.id), notes: notes), version)
    }

    private func update(_ object: ManifestObject, _ runtime: some Runtime, zoneID: String?) async throws(RuntimeError) -> ChangeOutcome {
        let body = RequestBody.patch(for: object, paths: Set(change.fields.map(\.path)), ids: state.lookup)
        try requireResolved(body)
        guard let id = change.liveID else { throw missingID() }
        // A patch sets fields to values, so sending it again is safe.
        let (_, notes) = try await attempt { () async throws(RuntimeError) in
            try await runtime.patch(address.kind, id: id, zoneID: zoneID, body: body.sendable())
        } readBack: { () async throws(RuntimeError) -> LiveObject? in nil }
        return ChangeOutcome(change: change, status: .succeeded(id: id), notes: notes)
    }

    private func delete(_ runtime: some Runtime, zoneID: String?) async throws(RuntimeError) -> ChangeOutcome {
        guard let id = change.liveID else { throw missingID() }
        do {
            // Deleting again is safe; a 404 after a lost response means the first one happened.
            let (_, notes) = try await attempt { () async throws(RuntimeError) in
                try await runtime.delete(address.kind, id: id, zoneID: zoneID)
            } readBack: { () async throws(RuntimeError) -> Void? in nil }
            return ChangeOutcome(change: change, status: .succeeded(id: id), notes: notes)
        } catch where error.status == 404 {
            return ChangeOutcome(change: change, status: .succeeded(id: id), notes: ["It was already gone."])
        }
    }

    private func newVersion(_ object: ManifestObject, _ runtime: some Runtime, zoneID: String) async throws(RuntimeError) -> (ChangeOutcome, String?) {
        guard case .policy(let policy) = object.spec, let id = change.liveID else { throw missingID() }
        guard let content = RequestBody.content(of: policy, zone: address.zone, ids: state.lookup) else {
            throw RuntimeError(status: 0, code: "unresolved_reference", message: "\(address) refers to an application that does not exist yet.")
        }
        let (versionID, notes) = try await attempt { () async throws(RuntimeError) -> String in
            let version = try await runtime.addPolicyVersion(zoneID: zoneID, policyID: id, content: content)
            return version.string("version_id") ?? version.id
        } readBack: { () async throws(RuntimeError) -> String? in
            // Versions are not deduplicated: look at the newest one before adding another.
            let detail = try await runtime.get(.policy, id: id, zoneID: zoneID)
            guard case .array(let versions)? = detail["versions"], let newest = versions.first,
                  newest["content_sha256"]?.stringValue == SHA256.hex(content) else { return nil }
            return newest["id"]?.stringValue
        }
        return (ChangeOutcome(change: change, status: .succeeded(id: id), notes: notes), versionID)
    }

    private func activate(_ object: ManifestObject, _ runtime: some Runtime, zoneID: String) async throws(RuntimeError) -> ChangeOutcome {
        guard case .policySet(let set) = object.spec, let setID = state.objectIDs[address] else { throw missingID() }
        var versionIDs: [String] = []
        var contents: [String] = []
        for name in set.policies {
            let policyAddress = ObjectAddress(kind: .policy, zone: address.zone, name: name)
            guard let versionID = state.policyVersions[policyAddress],
                  let policy = desired.object(at: policyAddress), case .policy(let spec) = policy.spec,
                  let content = RequestBody.content(of: spec, zone: address.zone, ids: state.lookup) else {
                throw RuntimeError(status: 0, code: "unresolved_reference", message: "Policy '\(name)' has no version to put in \(address).")
            }
            versionIDs.append(versionID)
            contents.append(content)
        }
        // A set version that was added but whose response was lost is never activated, so
        // adding another is harmless: it only leaves an unused version behind.
        var (versionID, notes) = try await attempt { () async throws(RuntimeError) -> String in
            let version = try await runtime.addPolicySetVersion(zoneID: zoneID, policySetID: setID, policyVersionIDs: versionIDs)
            return version.string("version_id") ?? version.id
        } readBack: { () async throws(RuntimeError) -> String? in nil }
        if let gate = executor.gate {
            let candidate = ActivationCandidate(address: address, zoneID: zoneID, policySetID: setID, versionID: versionID, policyContents: contents)
            if case .block(let reason) = await gate(candidate) {
                return ChangeOutcome(change: change, status: .blocked(reason: reason))
            }
        }
        let (outboxID, activationNotes) = try await attempt { () async throws(RuntimeError) -> String? in
            try await runtime.activate(zoneID: zoneID, policySetID: setID, versionID: versionID).string("outbox_id")
        } readBack: { () async throws(RuntimeError) -> String?? in
            let current = try await runtime.get(.policySet, id: setID, zoneID: zoneID)
            return current.string("active_version_id") == versionID ? .some(nil) : nil
        }
        notes += activationNotes
        if executor.waitForActivation {
            try await ActivationWaiter(timeout: executor.activationTimeout)
                .wait(runtime, zoneID: zoneID, policySetID: setID, versionID: versionID, outboxID: outboxID, address: address)
        }
        return ChangeOutcome(change: change, status: .succeeded(id: versionID), notes: notes)
    }

    // MARK: Helpers

    /// How many times a write is sent at most when its responses keep getting lost.
    static let writeAttempts = 3

    /// Sends a write; after an ambiguous failure (SPEC §5) asks `readBack` whether it took
    /// effect — a non-`nil` answer is taken as its result — and sends it again only if not.
    ///
    /// - Returns: The result, and a note for each recovery, for the apply report.
    private func attempt<Result>(
        _ write: () async throws(RuntimeError) -> Result,
        readBack: () async throws(RuntimeError) -> Result?
    ) async throws(RuntimeError) -> (Result, [String]) {
        var notes: [String] = []
        var attempt = 1
        while true {
            do {
                return (try await write(), notes)
            } catch where error.isAmbiguous && attempt < Self.writeAttempts {
                if let found = try await readBack() {
                    notes.append("The response was lost (\(error.code)); reading back showed the write had taken effect, so it was not sent again.")
                    return (found, notes)
                }
                notes.append("Sent again after \(error.code): reading back showed the earlier attempt had not taken effect.")
                attempt += 1
            }
        }
    }

    private func requireResolved(_ body: RequestBody) throws(RuntimeError) {
        guard let field = body.unresolved.sorted().first else { return }
        throw RuntimeError(status: 0, code: "unresolved_reference", message: "\(address)'s '\(field)' refers to an object that does not exist yet.")
    }

    private func missingID() -> RuntimeError {
        RuntimeError(status: 0, code: "not_found", message: "\(address) has no live id to \(change.action.rawValue).")
    }

    private func findByIdentity(_ object: ManifestObject, _ runtime: some Runtime, zoneID: String?) async throws(RuntimeError) -> LiveObject? {
        let items = try await runtime.list(address.kind, zoneID: zoneID)
        let identity = object.kind == .application ? object.identity.lowercased() : object.identity
        return items.first { ($0.kind == .application ? $0.identity.lowercased() : $0.identity) == identity && !$0.isArchived }
    }

    private func latestPolicyVersion(_ runtime: some Runtime, zoneID: String, policyID: String) async throws(RuntimeError) -> String? {
        let detail = try await runtime.get(.policy, id: policyID, zoneID: zoneID)
        guard case .array(let versions)? = detail["versions"] else { return nil }
        return versions.first?["id"]?.stringValue
    }
}
