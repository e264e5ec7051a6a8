/// CRC-32 (IEEE 802.3, the zlib polynomial), the checksum of journal records and snapshots.
///
/// It detects torn and bit-flipped records cheaply; it is not a security measure.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 {
            value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1
        }
        return value
    }

    /// The checksum of `bytes`.
    static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        update(0, with: bytes)
    }

    /// The checksum of the bytes `checksum` covered followed by `bytes` (start with 0).
    static func update<C: Collection>(_ checksum: UInt32, with bytes: C) -> UInt32 where C.Element == UInt8 {
        var crc = checksum ^ 0xFFFF_FFFF
        table.withUnsafeBufferPointer { table in
            for byte in bytes {
                crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
            }
        }
        return crc ^ 0xFFFF_FFFF
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
