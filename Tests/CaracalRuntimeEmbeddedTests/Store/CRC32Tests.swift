import Testing
import TestSupport
@testable import CaracalRuntimeEmbedded

struct CRC32Tests {
    /// The standard check values of CRC-32/ISO-HDLC, the zlib CRC.
    @Test(arguments: [
        ("", "00000000"),
        ("a", "e8b7be43"),
        ("123456789", "cbf43926"),
        ("The quick brown fox jumps over the lazy dog", "414fa339"),
    ])
    func knownValues(text: String, expected: String) {
        #expect(CRC32.hex(Array(text.utf8)) == expected)
    }

    /// Eight bytes at a time gives what one byte at a time gives, at every length and split.
    @Test func slicedAgreesWithBytewise() {
        var random = SplitMix64(seed: 0xC4C3_2000)
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            // A lazily mapped collection has no contiguous storage, so it takes the bytewise path.
            let bytewise = CRC32.checksum(bytes.lazy.map { $0 })
            #expect(CRC32.checksum(bytes) == bytewise, "length \(length)")
            let split = length == 0 ? 0 : Int.random(in: 0...length, using: &random)
            let resumed = CRC32.update(CRC32.checksum(bytes[..<split]), with: bytes[split...])
            #expect(resumed == bytewise, "length \(length), split at \(split)")
        }
    }
}
