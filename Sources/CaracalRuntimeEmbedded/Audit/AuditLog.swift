import CaracalRuntime
import Foundation
import Manifest

/// The embedded runtime's audit log: one JSON line per decision in `audit.jsonl`.
///
/// Appends are single `write` calls on a file opened for appending, then `fsync`, so entries
/// from concurrent processes never interleave and a recorded decision survives a crash. A torn
/// last line (a crash mid-write) is skipped when reading.
public struct AuditLog: Sendable {
    /// The log file's path.
    public let path: String

    /// The log in a state directory.
    public init(directory: String) {
        path = URL(fileURLWithPath: directory).appendingPathComponent("audit.jsonl").path
    }

    /// Appends an entry durably.
    public func append(_ entry: AuditEntry) throws(RuntimeError) {
        var line = JSONWriter.compact(entry.json)
        line += "\n"
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let descriptor = Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw RuntimeError(status: 500, code: "audit_io_error", message: "The audit log '\(path)' cannot be opened: \(String(cString: strerror(errno))).")
        }
        defer { close(descriptor) }
        let bytes = Array(line.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            throw RuntimeError(status: 500, code: "audit_io_error", message: "The audit log '\(path)' could not be written: \(String(cString: strerror(errno))).")
        }
    }

    /// Every readable entry, oldest first; a missing log has none.
    public func entries() throws(RuntimeError) -> [AuditEntry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var entries: [AuditEntry] = []
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let value = try? JSONReader.value(from: [UInt8](line)), let entry = AuditEntry(json: value) else { continue }
            entries.append(entry)
        }
        return entries
    }

    /// The entry with this request id.
    public func entry(requestID: String) throws(RuntimeError) -> AuditEntry? {
        try entries().last { $0.requestID == requestID }
    }
}
