/// How long to wait before retrying a read (SPEC §5): exponential backoff with full jitter,
/// or the server's `Retry-After` when it gave one, never more than ``maximumRetryAfter``.
struct RetryBackoff: Sendable {
    /// The first retry waits up to this many seconds; each further one up to twice as long.
    var base: Double
    /// No computed wait exceeds this many seconds.
    var cap: Double
    /// A server's `Retry-After` is honoured up to this many seconds.
    static let maximumRetryAfter = 30.0

    /// Seconds to wait before retry number `attempt` (1 for the first retry).
    func delay(attempt: Int, retryAfter: Double?, random: Double = Double.random(in: 0...1)) -> Double {
        if let retryAfter, retryAfter >= 0 {
            return Swift.min(retryAfter, Self.maximumRetryAfter)
        }
        let ceiling = Swift.min(cap, base * Double(1 << Swift.min(attempt - 1, 20)))
        return ceiling * random
    }
}
