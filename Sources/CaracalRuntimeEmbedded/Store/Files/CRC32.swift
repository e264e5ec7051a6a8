/// CRC-32 (IEEE 802.3, the zlib polynomial), the checksum of journal records and snapshots.
///
/// It detects torn and bit-flipped records cheaply; it is not a security measure. Contiguous
/// bytes are checksummed eight at a time ("slicing by 8"), since every journal record and every
/// snapshot line passes through here.
enum CRC32 {
    /// Eight tables of 256 entries: `tables[k][b]` is the CRC of byte `b` followed by `k` zeros.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for index in 0..<256 {
            var value = UInt32(index)
            for _ in 0..<8 {
                value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1
            }
            tables[index] = value
        }
        for slice in 1..<8 {
            for index in 0..<256 {
                let previous = tables[(slice - 1) * 256 + index]
                tables[slice * 256 + index] = tables[Int(previous & 0xFF)] ^ (previous >> 8)
            }
        }
        return tables
    }()

    /// The checksum of `bytes`.
    static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        update(0, with: bytes)
    }

    /// The checksum of the bytes `checksum` covered followed by `bytes` (start with 0).
    static func update<C: Collection>(_ checksum: UInt32, with bytes: C) -> UInt32 where C.Element == UInt8 {
        let crc = checksum ^ 0xFFFF_FFFF
        let result = tables.withUnsafeBufferPointer { tables in
            bytes.withContiguousStorageIfAvailable { update(crc, with: UnsafeRawBufferPointer($0), tables: tables) }
                ?? bytes.reduce(crc) { crc, byte in tables[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
        return result ^ 0xFFFF_FFFF
    }

    private static func update(_ start: UInt32, with bytes: UnsafeRawBufferPointer, tables: UnsafeBufferPointer<UInt32>) -> UInt32 {
        var crc = start
        var offset = 0
        while bytes.count - offset >= 8 {
            let low = crc ^ UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            let high = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
            crc = tables[7 * 256 + Int(low & 0xFF)] ^ tables[6 * 256 + Int((low >> 8) & 0xFF)]
                ^ tables[5 * 256 + Int((low >> 16) & 0xFF)] ^ tables[4 * 256 + Int(low >> 24)]
                ^ tables[3 * 256 + Int(high & 0xFF)] ^ tables[2 * 256 + Int((high >> 8) & 0xFF)]
                ^ tables[256 + Int((high >> 16) & 0xFF)] ^ tables[Int(high >> 24)]
            offset += 8
        }
        while offset < bytes.count {
            crc = tables[Int((crc ^ UInt32(bytes[offset])) & 0xFF)] ^ (crc >> 8)
            offset += 1
        }
        return crc
    }

    /// Eight lowercase hex digits.
    static func hex(checksum: UInt32) -> String {
        let digits = String(checksum, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// The checksum as eight lowercase hex digits.
    static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        hex(checksum: checksum(bytes))
    }
}
