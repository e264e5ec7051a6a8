import Glibc

/// The few blocking socket operations the server needs, on a raw descriptor.
///
/// Sends use `MSG_NOSIGNAL`, so a client that goes away never raises SIGPIPE.
enum Socket {
    /// Sends every byte; false when the peer went away or the send timeout passed.
    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent > 0 {
                    offset += sent
                } else if sent < 0 && errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
    }

    /// Sets an integer socket option, ignoring failure (these are tuning, not correctness).
    static func setOption(_ fd: Int32, level: Int32, name: Int32, value: Int32) {
        var value = value
        _ = setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Bounds how long one `send` may block on a client that does not read.
    static func setSendTimeout(_ fd: Int32, seconds: Double) {
        let whole = seconds.rounded(.down)
        var time = timeval(tv_sec: Int(whole), tv_usec: Int((seconds - whole) * 1_000_000))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Closes after the last response: stops sending, reads and discards what the client still
    /// sends (up to `limit` seconds or 1 MiB), then closes.
    ///
    /// Closing a socket with unread input makes the kernel send a reset, which can destroy the
    /// response before the client reads it; lingering avoids that.
    static func lingeringClose(_ fd: Int32, limit: Double) {
        _ = shutdown(fd, Int32(SHUT_WR))
        let deadline = Deadline(secondsFromNow: limit)
        var discarded = 0
        var scratch = [UInt8](repeating: 0, count: 16 << 10)
        while discarded < 1 << 20, let timeout = deadline.pollTimeout() {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, timeout)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { break }
            let received = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if received > 0 {
                discarded += received
            } else if received < 0 && (errno == EINTR || errno == EAGAIN) {
                continue
            } else {
                break
            }
        }
        close(fd)
    }
}
