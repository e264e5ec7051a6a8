import CaracalRuntime
import Glibc
import Manifest

/// The writer's exclusive lock: `flock(2)` on the directory's lock file.
///
/// The kernel drops the lock when its holder dies, so there are no stale locks. The holder
/// writes its pid, start time and command into the file, so a second opener can say who holds it.
final class StateLock: Sendable {
    private let fd: Int32
    let path: String

    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    /// Takes the lock, failing at once or after `timeout` seconds with `state_locked`.
    static func acquire(path: String, directory: String, command: String, timeout: Double?) throws(RuntimeError) -> StateLock {
        let fd = POSIXFile.open(path, O_RDWR | O_CREAT, mode: 0o644)
        guard fd >= 0 else { throw POSIXFile.failure("open the lock file", path) }
        let deadline = Timestamp.nowMillis() + Int64((timeout ?? 0) * 1000)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            guard code == EWOULDBLOCK else {
                let error = POSIXFile.failure("lock", path)
                close(fd)
                throw error
            }
            if Timestamp.nowMillis() >= deadline {
                let holder = describeHolder(fd)
                close(fd)
                let waited = (timeout ?? 0) > 0 ? " still" : ""
                let after = (timeout ?? 0) > 0 ? " after waiting \(formatSeconds(timeout!))" : ""
                throw RuntimeError(
                    status: 409, code: "state_locked",
                    message: "The embedded state in '\(directory)' is\(waited) locked by \(holder)\(after). Wait for that process to finish, or pass --lock-timeout to wait for it.")
            }
            usleep(20_000)
        }
        let info: RegoValue = .object([
            "pid": .int(Int(getpid())),
            "started_at": .string(Timestamp.format(millis: Timestamp.nowMillis())),
            "command": .string(command),
        ])
        let bytes = Array((JSONWriter.compact(info) + "\n").utf8)
        _ = ftruncate(fd, 0)
        _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress!, $0.count, 0) }
        return StateLock(fd: fd, path: path)
    }

    /// Clears the holder's details and releases the lock.
    func release() {
        _ = ftruncate(fd, 0)
        _ = flock(fd, LOCK_UN)
        close(fd)
    }

    /// "pid 4242 (caracal-apply apply), started 2026-11-29T16:01:02Z", from the lock file.
    private static func describeHolder(_ fd: Int32) -> String {
        guard let bytes = POSIXFile.readAll(fd), let info = try? JSONReader.value(from: bytes),
              case .number(let pid)? = info["pid"] else {
            return "another process (it has not recorded its details yet)"
        }
        var text = "pid \(pid.literal)"
        if let command = info["command"]?.stringValue, !command.isEmpty { text += " (\(command))" }
        if let started = info["started_at"]?.stringValue {
            let shown = Timestamp.parseMillis(started).map { Timestamp.formatSeconds(millis: $0) } ?? started
            text += ", started \(shown)"
        }
        return text
    }

    private static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
