import CaracalRuntime
import Glibc

/// The open journal: durable appends, and the snapshot compaction that starts a new journal.
///
/// The file is preallocated with zeros and records are written over them in place, so an
/// append's `fdatasync` does not also have to commit a new file size — on this kind of disk
/// that makes a sync several times cheaper. The data ends at the first zero byte (a record,
/// being JSON, never contains one).
///
/// Its methods block on the disk; the runtime calls them off its actor, one at a time (the
/// actor's flush lock serialises them), so the class needs no lock of its own.
final class JournalFile: @unchecked Sendable {
    /// How much zeroed space the journal grows by.
    static let chunk = 1 << 20

    let layout: StateLayout
    private var fd: Int32
    /// Where the next record goes: the end of the data.
    private(set) var writeOffset: Int
    /// The file's size: zeros from `writeOffset` up to here.
    private var allocated: Int

    /// Opens (creating) the journal; zeroes whatever lies between the end of its good records
    /// and the end of its written bytes (a torn last record).
    init(layout: StateLayout, loaded: StateLoader.Loaded) throws(RuntimeError) {
        self.layout = layout
        let existed = POSIXFile.exists(layout.journal)
        fd = POSIXFile.open(layout.journal, O_RDWR | O_CREAT, mode: 0o600)
        guard fd >= 0 else { throw POSIXFile.failure("open", layout.journal) }
        writeOffset = loaded.journalValidLength
        allocated = loaded.journalLength
        if loaded.journalDirtyEnd > loaded.journalValidLength {
            let zeros = [UInt8](repeating: 0, count: loaded.journalDirtyEnd - loaded.journalValidLength)
            guard Self.write(fd, zeros, at: loaded.journalValidLength), POSIXFile.sync(fd) else {
                close(fd)
                throw POSIXFile.failure("clear the torn last record of", layout.journal)
            }
        }
        if !existed, !POSIXFile.syncDirectory(layout.directory) {
            close(fd)
            throw POSIXFile.failure("sync the folder", layout.directory)
        }
    }

    deinit { close(fd) }

    /// Writes `bytes` after the last record and waits until they are on disk.
    func append(_ bytes: [UInt8]) throws(RuntimeError) {
        if writeOffset + bytes.count > allocated {
            let newSize = writeOffset + bytes.count + Self.chunk
            let zeros = [UInt8](repeating: 0, count: newSize - allocated)
            guard Self.write(fd, zeros, at: allocated), POSIXFile.sync(fd) else {
                throw POSIXFile.failure("grow", layout.journal)
            }
            allocated = newSize
        }
        guard Self.write(fd, bytes, at: writeOffset), POSIXFile.syncData(fd) else {
            throw POSIXFile.failure("write to", layout.journal)
        }
        writeOffset += bytes.count
    }

    /// Writes `state` as the new snapshot (keeping the old one as the backup), then replaces
    /// the journal, whose records the snapshot now holds, with an empty one.
    func compact(_ state: StoreState) throws(RuntimeError) {
        let (header, body) = SnapshotFile.encode(state)
        try POSIXFile.writeAtomically([header, body], to: layout.snapshot, directory: layout.directory, backup: layout.backup)
        // A crash before the rename below leaves the old journal, whose records the new
        // snapshot's sequence number makes the loader skip.
        let temporary = layout.journal + ".tmp"
        let newFD = POSIXFile.open(temporary, O_RDWR | O_CREAT | O_TRUNC, mode: 0o600)
        guard newFD >= 0 else { throw POSIXFile.failure("create", temporary) }
        guard Self.write(newFD, [UInt8](repeating: 0, count: Self.chunk), at: 0), POSIXFile.sync(newFD),
              rename(temporary, layout.journal) == 0, POSIXFile.syncDirectory(layout.directory) else {
            let error = POSIXFile.failure("start a new", layout.journal)
            close(newFD)
            throw error
        }
        close(fd)
        fd = newFD
        writeOffset = 0
        allocated = Self.chunk
    }

    private static func write(_ fd: Int32, _ bytes: [UInt8], at offset: Int) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let count = pwrite(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                done += count
            }
            return true
        }
    }
}
