import Dispatch
import Synchronization

/// Runs `transform` for every index in `0..<count` on all cores and returns the results in
/// index order, as a sequential `map` would.
///
/// For work that is independent from item to item and large enough to be worth a thread; with
/// one item it runs on the calling thread.
func parallelMap<Result: Sendable>(_ count: Int, _ transform: (Int) -> Result) -> [Result] {
    guard count > 1 else { return count == 1 ? [transform(0)] : [] }
    let results = Mutex<[Int: Result]>([:])
    // `concurrentPerform` returns only when every iteration has run, so the closure does not
    // escape, but its parameter is not marked so.
    withoutActuallyEscaping(transform) { transform in
        nonisolated(unsafe) let transform = transform
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let result = transform(index)
            results.withLock { $0[index] = result }
        }
    }
    return results.withLock { stored in (0..<count).map { stored.removeValue(forKey: $0)! } }
}
