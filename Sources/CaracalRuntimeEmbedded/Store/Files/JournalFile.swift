import CaracalRuntime
import Glibc

/// The open journal: appends with `fdatasync`, and the snapshot compaction that resets it.
///
/// Its methods block on the disk; the runtime calls them off its actor, one at a time (the
/// actor's flush flag serialises them), so the class needs no lock of its own.
final class JournalFile: @unchecked Sendable {
    let layout: StateLayout
    private let fd: Int32

    /// Opens (creating) the journal, cutting a torn last record off at `validLength`.
    init(layout: StateLayout, validLength: Int, length: Int) throws(RuntimeError) {
        self.layout = layout
        let existed = POSIXFile.exists(layout.journal)
        fd = POSIXFile.open(layout.journal, O_WRONLY | O_APPEND | O_CREAT, mode: 0o600)
        guard fd >= 0 else { throw POSIXFile.failure("open", layout.journal) }
        if length > validLength {
            guard ftruncate(fd, off_t(validLength)) == 0, POSIXFile.sync(fd) else {
                close(fd)
                throw POSIXFile.failure("cut the torn last record off", layout.journal)
            }
        }
        if !existed, !POSIXFile.syncDirectory(layout.directory) {
            close(fd)
            throw POSIXFile.failure("sync the folder", layout.directory)
        }
    }

    deinit { close(fd) }

    /// Appends `bytes` and waits until they are on disk.
    func append(_ bytes: [UInt8]) throws(RuntimeError) {
        guard POSIXFile.writeAll(fd, bytes), POSIXFile.syncData(fd) else {
            throw POSIXFile.failure("write to the journal", layout.journal)
        }
    }

    /// Writes `state` as the new snapshot (keeping the old one as the backup), then empties the
    /// journal, whose records the snapshot now holds.
    func compact(_ state: StoreState) throws(RuntimeError) {
        let bytes = SnapshotFile.encode(state)
        try POSIXFile.writeAtomically(bytes, to: layout.snapshot, directory: layout.directory, backup: layout.backup)
        guard ftruncate(fd, 0) == 0, POSIXFile.sync(fd) else {
            throw POSIXFile.failure("reset", layout.journal)
        }
    }
}
