import CaracalRuntime
import Glibc

/// Thin wrappers over the POSIX calls the store needs, turning `errno` into ``RuntimeError``s
/// that name the file.
enum POSIXFile {
    /// The `strerror` text of the current `errno`.
    static func lastError() -> String {
        String(cString: strerror(errno))
    }

    /// A 500 `state_io_error` about `path`.
    static func failure(_ action: String, _ path: String) -> RuntimeError {
        RuntimeError(status: 500, code: "state_io_error", message: "Could not \(action) '\(path)': \(lastError()).")
    }

    /// Opens `path`, retrying on EINTR.
    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o600) -> Int32 {
        while true {
            let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 || errno != EINTR { return fd }
        }
    }

    /// Writes all of `bytes` to `fd`.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// Writes all of `bytes` to `fd`.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.isEmpty ? true : bytes.withUnsafeBytes { writeAll(fd, $0) }
    }

    /// `fsync`, retrying on EINTR.
    static func sync(_ fd: Int32) -> Bool {
        while fsync(fd) != 0 {
            if errno != EINTR { return false }
        }
        return true
    }

    /// `fdatasync`, retrying on EINTR: the data and the file size, which is all an append needs.
    static func syncData(_ fd: Int32) -> Bool {
        while fdatasync(fd) != 0 {
            if errno != EINTR { return false }
        }
        return true
    }

    /// The whole contents of an open file.
    static func readAll(_ fd: Int32) -> [UInt8]? {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        let ok = bytes.withUnsafeMutableBytes { buffer -> Bool in
            while offset < buffer.count {
                let count = pread(fd, buffer.baseAddress! + offset, buffer.count - offset, off_t(offset))
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                if count == 0 { break }
                offset += count
            }
            return true
        }
        guard ok else { return nil }
        if offset < bytes.count { bytes.removeSubrange(offset...) }
        // A file that grew while we read it: take the rest too.
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, off_t(offset)) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            offset += count
        }
        return bytes
    }

    /// The contents of `path`; `nil` with `errno == ENOENT` when it does not exist.
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return readAll(fd)
    }

    /// Whether `path` exists.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// The inode of `path`, or `nil`.
    static func inode(_ path: String) -> UInt64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt64(info.st_ino)
    }

    /// fsyncs a directory so renames and new entries in it survive a crash.
    static func syncDirectory(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return sync(fd)
    }

    /// Writes `bytes` to `path` atomically: a temporary file, fsync, rename, fsync of the folder.
    ///
    /// When `backup` is given and `path` exists, `path`'s current version is kept there (as a
    /// hard link, so `path` itself never stops existing).
    static func writeAtomically(_ parts: [[UInt8]], to path: String, directory: String, backup: String?) throws(RuntimeError) {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, mode: 0o600)
        guard fd >= 0 else { throw failure("create", temporary) }
        guard parts.allSatisfy({ writeAll(fd, $0) }), sync(fd) else {
            let error = failure("write", temporary)
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        if let backup, exists(path) {
            unlink(backup)
            guard link(path, backup) == 0 else { throw failure("keep a backup of", path) }
        }
        guard rename(temporary, path) == 0 else { throw failure("replace", path) }
        guard syncDirectory(directory) else { throw failure("sync the folder", directory) }
    }
}
