import CaracalRuntime
import Glibc
import Manifest

/// The snapshot: a header line, then one line of JSON per record.
///
/// ```
/// {"body_crc32":"…","format":"caracal-apply-embedded-state","objects":3,"sequence":42,"state_version":1,"written_at":"…"}
/// {"$kind":"zone","id":"…",…}
/// …
/// ```
/// `sequence` is the last journal record the snapshot contains; `body_crc32` covers every byte
/// after the header line.
enum SnapshotFile {
    static let format = "caracal-apply-embedded-state"
    /// The layout version this build reads and writes.
    static let stateVersion = 1

    /// The file's bytes for `state`: the header line and the body, written one after the other.
    static func encode(_ state: StoreState) -> (header: [UInt8], body: [UInt8]) {
        let objects = state.allObjectsInOrder
        var body: [UInt8] = []
        body.reserveCapacity(objects.reduce(0) { $0 + $1.json.count + 1 })
        for object in objects {
            body.append(contentsOf: object.json)
            body.append(UInt8(ascii: "\n"))
        }
        let header: RegoValue = .object([
            "format": .string(format),
            "state_version": .int(stateVersion),
            "sequence": .number(RegoNumber(literal: String(state.sequence))!),
            "objects": .int(objects.count),
            "body_crc32": .string(CRC32.hex(body)),
            "written_at": .string(Timestamp.format(millis: Timestamp.nowMillis())),
        ])
        var headerBytes: [UInt8] = []
        headerBytes.reserveCapacity(256)
        JSONWriter.writeCompact(header, into: &headerBytes)
        headerBytes.append(UInt8(ascii: "\n"))
        return (headerBytes, body)
    }

    /// The state in the snapshot open at `fd`, read a few megabytes at a time so loading
    /// never holds the whole file and the state at once.
    ///
    /// - Throws: `state_corrupt` or `state_version_unsupported`, naming `path`.
    static func decode(fileDescriptor fd: Int32, path: String) throws(RuntimeError) -> StoreState {
        func corrupt(_ why: String) -> RuntimeError {
            StateErrors.corrupt(path, why)
        }
        var reader = LineReader(fd: fd)
        guard let headerLine = try reader.nextLine(path: path) else {
            throw corrupt(reader.sawBytes ? "it has no header line" : "the file is empty")
        }
        let header: RegoValue
        do {
            header = try headerLine.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try JSONReader.value(from: buffer) }
        } catch {
            throw corrupt("its header is not JSON (\(error.message))")
        }
        guard header["format"]?.stringValue == format else {
            throw corrupt("it is not a caracal-apply embedded state file")
        }
        guard case .number(let version)? = header["state_version"] else { throw corrupt("its header has no state_version") }
        guard version.value == Double(stateVersion) else {
            throw RuntimeError(
                status: 500, code: "state_version_unsupported",
                message: "The embedded state file '\(path)' has state version \(version.literal), but this caracal-apply reads only version \(stateVersion); it was probably written by a newer caracal-apply. The file was left untouched: upgrade caracal-apply, or point --runtime embedded:DIR at another folder.")
        }
        guard case .number(let sequenceNumber)? = header["sequence"], let sequence = UInt64(sequenceNumber.literal),
              case .number(let countNumber)? = header["objects"], let count = Int(countNumber.literal),
              let crc = header["body_crc32"]?.stringValue
        else { throw corrupt("its header is incomplete") }
        var state = StoreState()
        var checksum: UInt32 = 0
        var lineNumber = 1
        let newline: [UInt8] = [UInt8(ascii: "\n")]
        while let line = try reader.nextLine(path: path) {
            lineNumber += 1
            checksum = CRC32.update(checksum, with: line)
            checksum = CRC32.update(checksum, with: newline)
            let value: RegoValue
            do {
                value = try line.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try JSONReader.value(from: buffer) }
            } catch {
                throw corrupt("line \(lineNumber) is not JSON (\(error.message))")
            }
            guard let object = StoredObject.decode(value, json: line) else { throw corrupt("line \(lineNumber) is not a stored object") }
            state.apply(object)
        }
        if reader.unterminatedTail { throw corrupt("its last line is not terminated") }
        guard CRC32.hex(checksum: checksum) == crc else { throw corrupt("its checksum does not match its contents") }
        guard lineNumber - 1 == count else { throw corrupt("it holds \(lineNumber - 1) objects but its header says \(count)") }
        state.sequence = sequence
        return state
    }
}

/// Reads newline-terminated lines from a file descriptor in large chunks.
private struct LineReader {
    let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    /// Whether the file ended in the middle of a line.
    private(set) var unterminatedTail = false
    /// Whether any byte was read.
    private(set) var sawBytes = false
    private static let chunk = 4 << 20

    init(fd: Int32) {
        self.fd = fd
    }

    /// The next line without its newline; `nil` at the end of the file.
    mutating func nextLine(path: String) throws(RuntimeError) -> [UInt8]? {
        var searchFrom = start
        while true {
            if let newline = buffer[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                return line
            }
            if atEnd {
                unterminatedTail = start < buffer.count
                return nil
            }
            searchFrom = buffer.count
            if start > 0 {
                buffer.removeSubrange(0..<start)
                searchFrom -= start
                start = 0
            }
            var chunk = [UInt8](repeating: 0, count: Self.chunk)
            var count = 0
            while true {
                count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
                if count >= 0 || errno != EINTR { break }
            }
            guard count >= 0 else { throw POSIXFile.failure("read", path) }
            if buffer.isEmpty {
                chunk.removeSubrange(count...)
                buffer = chunk
            } else {
                buffer.append(contentsOf: chunk[0..<count])
            }
            if count == 0 { atEnd = true } else { sawBytes = true }
        }
    }
}
