import CaracalRuntime

/// Lets at most a fixed number of operations run at once; the others wait in arrival order.
actor ConcurrencyLimit {
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(_ limit: Int) {
        available = Swift.max(1, limit)
    }

    /// Runs `body` once a slot is free, and frees the slot when it returns or throws.
    nonisolated func run<T: Sendable>(_ body: () async throws(RuntimeError) -> T) async throws(RuntimeError) -> T {
        await acquire()
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty {
            available += 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}
