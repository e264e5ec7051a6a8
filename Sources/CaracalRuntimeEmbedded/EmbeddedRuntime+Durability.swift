import CaracalRuntime

/// Group commit: every write appends its journal line to `pending` and waits until a flush has
/// put it on disk. One caller at a time flushes everything pending with a single
/// `fdatasync`; the others wait for it, so writes in flight share their syncs.
extension EmbeddedRuntime {
    /// Applies `objects` as one journal record and returns once that record is durable.
    func commit(_ objects: [StoredObject]) async throws(RuntimeError) {
        for object in objects { state.apply(object) }
        state.sequence += 1
        let sequence = state.sequence
        JournalRecord.append(sequence: sequence, objects: objects, into: &pending)
        unsyncedWriters += 1
        writerArrived()
        try await waitUntilDurable(sequence)
    }

    private func waitUntilDurable(_ sequence: UInt64) async throws(RuntimeError) {
        while true {
            if let failure { throw failure }
            if durableSequence >= sequence { return }
            if flushing {
                await withCheckedContinuation { flushWaiters.append($0) }
                continue
            }
            flushing = true
            await gatherBatch()
            await flushPending()
            if failure == nil, journalBytes > compactionThreshold {
                do throws(RuntimeError) {
                    try await compactHoldingFlushLock()
                } catch {
                    // The writes themselves are durable in the journal; a failed compaction
                    // is retried at the next threshold crossing or on close.
                }
            }
            releaseFlushLock()
        }
    }

    /// Lets the writers of the last sync come back and join this one before it starts.
    ///
    /// With several callers in flight, the ones the last sync acknowledged come back a little
    /// later with their next write; without waiting for them the syncs alternate between part
    /// of the callers and the rest, and each sync carries fewer records. The wait ends as soon
    /// as as many records wait as there were writers around the last sync (those it carried
    /// and those that arrived while it ran), or after ``gatherTimeout`` when fewer come back;
    /// a lone caller never waits.
    private func gatherBatch() async {
        guard unsyncedWriters < gatherTarget else { return }
        gatherToken &+= 1
        let token = gatherToken
        await withCheckedContinuation { continuation in
            gatherContinuation = continuation
            Task { [self] in
                try? await Task.sleep(for: Self.gatherTimeout)
                endGather(token)
            }
        }
    }

    /// Called when a writer's record is pending: ends the gathering once enough records wait.
    private func writerArrived() {
        if unsyncedWriters >= gatherTarget, let continuation = gatherContinuation {
            gatherContinuation = nil
            continuation.resume()
        }
    }

    private func endGather(_ token: UInt64) {
        if token == gatherToken, let continuation = gatherContinuation {
            gatherContinuation = nil
            continuation.resume()
        }
    }

    /// Writes and syncs everything pending; the caller holds the flush lock.
    private func flushPending() async {
        guard let journal, !pending.isEmpty else { return }
        let bytes = pending
        pending = []
        pending.reserveCapacity(bytes.count)
        let upTo = state.sequence
        let carried = unsyncedWriters
        switch await Self.append(bytes, to: journal) {
        case .success:
            durableSequence = upTo
            journalBytes += bytes.count
            // Writers whose records arrived during the sync wait for the next one; together
            // with the ones just acknowledged they are the writers the next sync waits for.
            unsyncedWriters -= carried
            gatherTarget = carried + unsyncedWriters
        case .failure(let error):
            // Memory now holds writes the disk may not: refuse everything from here on.
            failure = RuntimeError(
                status: 500, code: "state_io_error",
                message: error.message + " The embedded runtime stopped accepting calls; reopen it to continue from what is on disk.")
        }
    }

    /// Runs `body` while holding the flush lock (no journal writes happen meanwhile).
    func withFlushLock(_ body: () async throws(RuntimeError) -> Void) async throws(RuntimeError) {
        while flushing {
            await withCheckedContinuation { flushWaiters.append($0) }
        }
        flushing = true
        defer { releaseFlushLock() }
        try await body()
    }

    /// Flushes, then writes the snapshot and resets the journal; the caller holds the flush lock.
    func compactHoldingFlushLock() async throws(RuntimeError) {
        guard let journal else { return }
        await flushPending()
        if let failure { throw failure }
        let snapshot = state
        switch await Self.compact(snapshot, journal: journal) {
        case .success:
            journalBytes = 0
        case .failure(let error):
            throw error
        }
    }

    private func releaseFlushLock() {
        flushing = false
        let waiters = flushWaiters
        flushWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    @concurrent
    private nonisolated static func append(_ bytes: [UInt8], to journal: JournalFile) async -> Result<Void, RuntimeError> {
        do throws(RuntimeError) {
            try journal.append(bytes)
            return .success(())
        } catch {
            return .failure(error)
        }
    }

    @concurrent
    private nonisolated static func compact(_ state: StoreState, journal: JournalFile) async -> Result<Void, RuntimeError> {
        do throws(RuntimeError) {
            try journal.compact(state)
            return .success(())
        } catch {
            return .failure(error)
        }
    }
}
