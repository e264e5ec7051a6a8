import Synchronization

/// Injects failures into `serve`'s answers for testing (`--fault-rate R`): a 503 before a
/// write, a 503 after committing one, and dropped connections.
///
/// Each request draws once: with probability `rate` it fails, writes in one of the three ways
/// (in turn, evenly), reads with a 503 or a dropped connection. A seed makes a run repeatable.
final class FaultInjector: Sendable {
    /// What happens to one request.
    enum Fault: Sendable, Equatable {
        case none
        case unavailableBeforeWrite
        case unavailableAfterWrite
        case dropAfterWrite
        case unavailableRead
        case dropRead
    }

    let rate: Double
    private let state: Mutex<(random: UInt64, count: UInt64)>

    init(rate: Double, seed: UInt64) {
        self.rate = rate
        state = Mutex((seed, 0))
    }

    /// The fault for the next request.
    func next(isWrite: Bool) -> Fault {
        state.withLock { state in
            state.random &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state.random
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            mixed ^= mixed >> 31
            guard Double(mixed >> 11) / Double(1 << 53) < rate else { return .none }
            state.count += 1
            if isWrite {
                switch state.count % 3 {
                case 0: return .unavailableBeforeWrite
                case 1: return .unavailableAfterWrite
                default: return .dropAfterWrite
                }
            }
            return state.count % 2 == 0 ? .unavailableRead : .dropRead
        }
    }
}
