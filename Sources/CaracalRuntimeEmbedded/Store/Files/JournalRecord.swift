import CaracalRuntime
import Manifest

/// One line of the journal: the records a single acknowledged write stored.
///
/// ```
/// {"seq":42,"crc32":"1c291ca3","record":{"puts":[{…},{…}]}}
/// ```
/// `crc32` covers the exact bytes of `record`, so a torn or damaged line is recognised without
/// trusting any of it. Every line ends with `\n`.
enum JournalRecord {
    private static let seqPrefix = Array("{\"seq\":".utf8)
    private static let crcPrefix = Array(",\"crc32\":\"".utf8)
    private static let recordPrefix = Array("\",\"record\":".utf8)

    /// Appends the line for `objects` at `sequence` to `output`.
    static func append(sequence: UInt64, objects: [StoredObject], into output: inout [UInt8]) {
        var record: [UInt8] = Array("{\"puts\":[".utf8)
        for (index, object) in objects.enumerated() {
            if index > 0 { record.append(UInt8(ascii: ",")) }
            record.append(contentsOf: object.json)
        }
        record.append(contentsOf: "]}".utf8)
        output.append(contentsOf: seqPrefix)
        output.append(contentsOf: String(sequence).utf8)
        output.append(contentsOf: crcPrefix)
        output.append(contentsOf: CRC32.hex(record).utf8)
        output.append(contentsOf: recordPrefix)
        output.append(contentsOf: record)
        output.append(UInt8(ascii: "}"))
        output.append(UInt8(ascii: "\n"))
    }

    /// A decoded line.
    struct Line {
        var sequence: UInt64
        var objects: [StoredObject]
    }

    /// Decodes one line (without its `\n`); `nil` when it is torn or damaged.
    static func decode(_ line: ArraySlice<UInt8>) -> Line? {
        var index = line.startIndex
        func expect(_ bytes: [UInt8]) -> Bool {
            guard line.endIndex - index >= bytes.count, line[index..<(index + bytes.count)].elementsEqual(bytes) else { return false }
            index += bytes.count
            return true
        }
        guard expect(seqPrefix) else { return nil }
        var sequence: UInt64 = 0
        let digitsStart = index
        while index < line.endIndex, line[index] >= 0x30, line[index] <= 0x39, index - digitsStart < 19 {
            sequence = sequence * 10 + UInt64(line[index] - 0x30)
            index += 1
        }
        guard index > digitsStart, expect(crcPrefix), line.endIndex - index >= 8 else { return nil }
        let crc = String(decoding: line[index..<(index + 8)], as: UTF8.self)
        index += 8
        guard expect(recordPrefix), line.last == UInt8(ascii: "}"), index < line.endIndex - 1 else { return nil }
        let record = line[index..<(line.endIndex - 1)]
        guard CRC32.hex(record) == crc else { return nil }
        let value: RegoValue
        do {
            value = try record.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try JSONReader.value(from: buffer) }
        } catch {
            return nil
        }
        guard case .array(let puts)? = value["puts"] else { return nil }
        var objects: [StoredObject] = []
        objects.reserveCapacity(puts.count)
        for put in puts {
            guard let object = StoredObject.decode(put) else { return nil }
            objects.append(object)
        }
        return Line(sequence: sequence, objects: objects)
    }
}
