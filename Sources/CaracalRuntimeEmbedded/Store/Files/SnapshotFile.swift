import CaracalRuntime
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

    /// The state in a snapshot's bytes.
    ///
    /// - Throws: `state_corrupt` or `state_version_unsupported`, naming `path`.
    static func decode(_ bytes: [UInt8], path: String) throws(RuntimeError) -> StoreState {
        func corrupt(_ why: String) -> RuntimeError {
            StateErrors.corrupt(path, why)
        }
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else {
            throw corrupt(bytes.isEmpty ? "the file is empty" : "it has no header line")
        }
        let header: RegoValue
        do {
            header = try bytes[..<newline].withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try JSONReader.value(from: buffer) }
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
        let body = bytes[(newline + 1)...]
        guard CRC32.hex(body) == crc else { throw corrupt("its checksum does not match its contents") }
        var state = StoreState()
        var lineStart = body.startIndex
        var lineNumber = 1
        var loaded = 0
        while lineStart < body.endIndex {
            lineNumber += 1
            guard let end = body[lineStart...].firstIndex(of: UInt8(ascii: "\n")) else {
                throw corrupt("line \(lineNumber) is not terminated")
            }
            let value: RegoValue
            do {
                value = try body[lineStart..<end].withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try JSONReader.value(from: buffer) }
            } catch {
                throw corrupt("line \(lineNumber) is not JSON (\(error.message))")
            }
            guard let object = StoredObject.decode(value, json: Array(body[lineStart..<end])) else { throw corrupt("line \(lineNumber) is not a stored object") }
            state.apply(object)
            loaded += 1
            lineStart = end + 1
        }
        guard loaded == count else { throw corrupt("it holds \(loaded) objects but its header says \(count)") }
        state.sequence = sequence
        return state
    }
}
