import CaracalRuntime
import Glibc

/// Reads a state directory: the snapshot, then the journal records after it.
enum StateLoader {
    /// What loading found.
    struct Loaded {
        var state: StoreState
        /// The journal's length up to the end of its last good record.
        var journalValidLength: Int
        /// The end of the journal's non-zero bytes (past the valid part after a torn write).
        var journalDirtyEnd: Int
        /// The journal's size on disk, preallocated zeros included.
        var journalLength: Int
    }

    /// Loads the state in `layout`'s directory; files that do not exist count as empty.
    ///
    /// A torn last journal record (a crash mid-append) is ignored; damage anywhere else is an
    /// error that names the file. Nothing is modified.
    static func load(_ layout: StateLayout) throws(RuntimeError) -> Loaded {
        var state = StoreState()
        let snapshot = POSIXFile.open(layout.snapshot, O_RDONLY)
        if snapshot >= 0 {
            defer { close(snapshot) }
            state = try SnapshotFile.decode(fileDescriptor: snapshot, path: layout.snapshot)
        } else if errno != ENOENT {
            throw POSIXFile.failure("read", layout.snapshot)
        }
        var journal: [UInt8] = []
        if let bytes = POSIXFile.read(layout.journal) {
            journal = bytes
        } else if errno != ENOENT {
            throw POSIXFile.failure("read", layout.journal)
        }
        // The data ends at the first zero byte: the rest is preallocated space (or the
        // unwritten part of a torn append).
        let dataEnd = journal.withUnsafeBufferPointer { bytes -> Int in
            guard let base = bytes.baseAddress, let zero = memchr(UnsafeRawPointer(base), 0, bytes.count) else { return bytes.count }
            return UnsafeRawPointer(zero) - UnsafeRawPointer(base)
        }
        let validLength = try replay(journal[..<dataEnd], into: &state, path: layout.journal)
        state.finishLoading()
        let dirtyEnd = journal.withUnsafeBufferPointer { bytes -> Int in
            guard bytes.baseAddress != nil else { return 0 }
            var end = bytes.count
            // Whole words first: the tail is mostly preallocated zeros.
            while end >= 8, UnsafeRawPointer(bytes.baseAddress! + end - 8).loadUnaligned(as: UInt64.self) == 0 { end -= 8 }
            while end > 0, bytes[end - 1] == 0 { end -= 1 }
            return end
        }
        return Loaded(state: state, journalValidLength: validLength, journalDirtyEnd: dirtyEnd, journalLength: journal.count)
    }

    /// Applies the journal's records after the state's sequence; returns the valid length.
    private static func replay(_ journal: ArraySlice<UInt8>, into state: inout StoreState, path: String) throws(RuntimeError) -> Int {
        var start = journal.startIndex
        var lineNumber = 0
        while start < journal.count {
            lineNumber += 1
            let newline = journal[start...].firstIndex(of: UInt8(ascii: "\n"))
            let end = newline ?? journal.endIndex
            let isLast = newline == nil || end + 1 >= journal.endIndex
            guard newline != nil, let line = JournalRecord.decode(journal[start..<end]) else {
                if isLast { return start }  // torn by a crash mid-append: never acknowledged
                throw StateErrors.corrupt(path, "record \(lineNumber) is damaged (its checksum or format is wrong) and is not the last one")
            }
            if line.sequence > state.sequence {
                guard line.sequence == state.sequence + 1 else {
                    throw StateErrors.corrupt(
                        path, "record \(lineNumber) has sequence \(line.sequence) but \(state.sequence + 1) was expected, so records are missing")
                }
                for object in line.objects { state.apply(object) }
                state.sequence = line.sequence
            }
            start = end + 1
        }
        return journal.endIndex
    }
}
