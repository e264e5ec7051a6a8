import Testing
import TestSupport
@testable import CaracalRuntimeEmbedded

struct TraceQuotingTests {
    /// The byte-at-a-time definition the word-at-a-time check must agree with.
    private func isPlain(_ bytes: [UInt8]) -> Bool {
        !bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
    }

    /// Every length up to 40 (whole words, tails and both), with the bytes that matter (control
    /// characters, quote, backslash and their neighbours, UTF-8 lead and continuation bytes) at
    /// random places.
    @Test func wordAtATimeCheckAgreesWithTheByteDefinition() {
        var generator = SplitMix64(seed: 0x7ACE_0001)
        let interesting: [UInt8] = [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xE2, 0xFF]
        for length in 0...40 {
            for _ in 0..<200 {
                var bytes = (0..<length).map { _ in UInt8(ascii: "a") + UInt8(generator.next() % 26) }
                let specials = length == 0 ? 0 : Int(generator.next() % 3)
                for _ in 0..<specials {
                    bytes[Int(generator.next() % UInt64(length))] = interesting[Int(generator.next() % UInt64(interesting.count))]
                }
                let plain = bytes.withUnsafeBufferPointer(String.isPlainForTrace)
                #expect(plain == isPlain(bytes), "\(bytes)")
            }
        }
    }

    @Test func quotedTextEscapesOnlyWhatNeedsIt() {
        var text: [UInt8] = []
        "scope:read".appendQuoted(to: &text)
        "a \"b\" \\ c\n".appendQuoted(to: &text)
        "日本".appendQuoted(to: &text)
        #expect(String(decoding: text, as: UTF8.self) == #""scope:read""a \"b\" \\ c\n""日本""#)
    }
}
