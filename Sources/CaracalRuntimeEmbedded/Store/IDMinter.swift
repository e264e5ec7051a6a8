import Manifest

/// Mints the store's ids: UUIDv7 strings (RFC 9562), monotonic within the process.
///
/// The 12-bit `rand_a` field counts ids minted in the same millisecond, so ids sort in the
/// order they were minted, and so do the `created_at` timestamps minted with them — the
/// store's list order (`created_at DESC, id DESC`) is then simply reverse creation order.
struct IDMinter: Sendable {
    /// The millisecond of the last id; never goes backwards, even when the clock does.
    private(set) var lastMillis: Int64 = 0
    private var counter: UInt16 = 0

    /// Continues after the newest timestamp already in the store.
    mutating func advance(pastMillis millis: Int64) {
        if millis > lastMillis {
            lastMillis = millis
            counter = 0xFFF
        }
    }

    /// A new id and the millisecond it was minted at.
    mutating func mint() -> (id: String, millis: Int64) {
        var now = Timestamp.nowMillis()
        if now <= lastMillis {
            now = lastMillis
            if counter >= 0xFFF {
                now += 1
                counter = 0
            } else {
                counter += 1
            }
        } else {
            counter = 0
        }
        lastMillis = now
        var generator = SystemRandomNumberGenerator()
        let random: UInt64 = generator.next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: now >> Int64(8 * (5 - index)))
        }
        bytes[6] = 0x70 | UInt8(truncatingIfNeeded: counter >> 8)
        bytes[7] = UInt8(truncatingIfNeeded: counter)
        for index in 8..<16 {
            bytes[index] = UInt8(truncatingIfNeeded: random >> UInt64(8 * (15 - index)))
        }
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        return (Self.format(bytes), now)
    }

    /// A random lowercase hex string of `count` bytes, for salts and generated secrets.
    static func randomHex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            let word: UInt64 = generator.next()
            for shift in stride(from: 0, to: 64, by: 8) where bytes.count < count {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        return SHA256.hexString(bytes)
    }

    private static func format(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { out.append(UInt8(ascii: "-")) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
