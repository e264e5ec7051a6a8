/// Tests on the eight bytes of a word at once, for scanning text eight bytes at a time.
///
/// Each test gives the high bit of every byte of the word it finds, and maybe of bytes after
/// the first such byte (a borrow can spill upwards): the word has such a byte exactly when the
/// result is not zero, and the lowest bit set marks the first one.
public enum ByteWord {
    // Computed rather than stored: a stored constant read from another module is a call.
    @inlinable static var ones: UInt64 { 0x0101_0101_0101_0101 }
    @inlinable static var highs: UInt64 { 0x8080_8080_8080_8080 }

    /// The eight bytes at `pointer`, the first in the lowest bits.
    @inlinable @inline(__always)
    public static func load(_ pointer: UnsafeRawPointer) -> UInt64 {
        UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self))
    }

    /// The bytes of `word` equal to `byte`.
    @inlinable @inline(__always)
    public static func bytes(of word: UInt64, equalTo byte: UInt8) -> UInt64 {
        let difference = word ^ (ones &* UInt64(byte))
        return (difference &- ones) & ~difference & highs
    }

    /// The bytes of `word` below `limit`, which is at most 0x80.
    @inlinable @inline(__always)
    public static func bytes(of word: UInt64, below limit: UInt8) -> UInt64 {
        (word &- ones &* UInt64(limit)) & ~word & highs
    }

    /// The bytes of `word` that are not ASCII.
    @inlinable @inline(__always)
    public static func nonASCII(_ word: UInt64) -> UInt64 {
        word & highs
    }

    /// The bytes of `word` that a JSON string cannot hold as they are: quotes, backslashes and
    /// control characters (``isJSONSpecial(_:)`` for each).
    @inlinable @inline(__always)
    public static func jsonSpecial(_ word: UInt64) -> UInt64 {
        bytes(of: word, equalTo: UInt8(ascii: "\"")) | bytes(of: word, equalTo: UInt8(ascii: "\\")) | bytes(of: word, below: 0x20)
    }

    /// Whether a JSON string cannot hold `byte` as it is: a quote, a backslash or a control
    /// character. The test ``jsonSpecial(_:)`` makes on each byte of a word, for the bytes
    /// after the last whole word.
    @inlinable @inline(__always)
    public static func isJSONSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20
    }
}
