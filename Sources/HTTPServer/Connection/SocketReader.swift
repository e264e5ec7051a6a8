import Glibc

/// Buffered reads from one connection's socket, each bounded by a deadline.
///
/// Reads come in chunks of up to 64 KiB; the HTTP layer parses straight from `buffer`, starting
/// at `position`, and moves `position` past what it consumed.
struct SocketReader {
    /// Why no more bytes came.
    enum Failure: Error {
        /// The peer closed its side.
        case closed
        /// The deadline passed.
        case timedOut
        /// The server is shutting down (only reported when a wake descriptor is watched).
        case stopping
        /// The socket reported an error.
        case failed
        /// `readLine` saw more bytes than its limit without a line end.
        case lineTooLong
    }

    let fd: Int32
    private(set) var buffer: [UInt8] = []
    /// The index of the first byte not consumed yet.
    var position = 0
    private var scratch = [UInt8](repeating: 0, count: 64 << 10)

    init(fd: Int32) {
        self.fd = fd
    }

    /// The number of bytes received but not consumed.
    var unreadCount: Int { buffer.count - position }

    /// Drops consumed bytes, once they are at least half the buffer, so that moving the rest
    /// down costs no more than reading it did.
    mutating func compact() {
        if position == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 256 << 10)
            position = 0
        } else if position > 0 && position >= buffer.count / 2 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
    }

    /// Waits for at least one more byte and appends what arrived to `buffer`.
    ///
    /// - Parameter wakeFD: a descriptor that becomes readable when the server shuts down;
    ///   input that is already waiting is still read first.
    mutating func fill(deadline: Deadline, wakeFD: Int32? = nil) throws(Failure) {
        while true {
            guard let timeout = deadline.pollTimeout() else { throw .timedOut }
            var descriptors = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
            if let wakeFD {
                descriptors.append(pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0))
            }
            let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                throw .failed
            }
            if ready == 0 { continue }
            if descriptors[0].revents != 0 {
                let received = scratch.withUnsafeMutableBytes { raw in
                    recv(fd, raw.baseAddress, raw.count, Int32(MSG_DONTWAIT))
                }
                if received > 0 {
                    buffer.append(contentsOf: scratch[0..<received])
                    return
                }
                if received == 0 { throw .closed }
                if errno == EAGAIN || errno == EINTR { continue }
                throw .failed
            }
            if descriptors.count > 1 && descriptors[1].revents != 0 { throw .stopping }
        }
    }

    /// Reads until `count` bytes are unread.
    mutating func require(_ count: Int, deadline: Deadline) throws(Failure) {
        while unreadCount < count {
            try fill(deadline: deadline)
        }
    }

    /// Consumes `count` unread bytes (call `require` first) and appends them to `output`.
    mutating func consume(_ count: Int, into output: inout [UInt8]) {
        output.append(contentsOf: buffer[position..<position + count])
        position += count
    }

    /// Reads one line and consumes it with its LF or CRLF ending, which is not returned.
    ///
    /// - Throws: `.lineTooLong` when more than `maxLength` bytes arrive without a line end.
    mutating func readLine(maxLength: Int, deadline: Deadline) throws(Failure) -> [UInt8] {
        var scan = position
        while true {
            if let lineFeed = buffer[scan...].firstIndex(of: ByteClass.lineFeed) {
                var end = lineFeed
                if end > position && buffer[end - 1] == ByteClass.carriageReturn { end -= 1 }
                guard end - position <= maxLength else { throw .lineTooLong }
                let line = Array(buffer[position..<end])
                position = lineFeed + 1
                return line
            }
            scan = buffer.count
            // One more byte may be the CR of a CRLF.
            guard unreadCount <= maxLength + 1 else { throw .lineTooLong }
            try fill(deadline: deadline)
        }
    }
}
