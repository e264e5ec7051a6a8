import Glibc

/// A point in time on the monotonic clock, for poll timeouts.
struct Deadline {
    private let nanoseconds: UInt64

    init(secondsFromNow seconds: Double) {
        let span = seconds >= 1e9 ? UInt64(1e18) : UInt64(max(0, seconds) * 1e9)
        nanoseconds = Self.now() &+ span
    }

    /// Milliseconds left, rounded up, for `poll`; `nil` once the deadline has passed.
    func pollTimeout() -> Int32? {
        let now = Self.now()
        guard now < nanoseconds else { return nil }
        let milliseconds = (nanoseconds - now + 999_999) / 1_000_000
        return Int32(min(milliseconds, UInt64(Int32.max)))
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
