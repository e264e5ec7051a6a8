import Foundation

/// Strings known when the engine is compiled (resource identifiers, role names, scopes), each
/// with a number, found by their UTF-8 bytes.
///
/// A decision looks names up straight from the bytes of its input, so it builds no `String`
/// and hashes nothing with `Hasher`. The strings lie back to back in one buffer, which keeps
/// the comparisons in cache. Small tables are scanned; larger ones are hashed.
struct StringTable: Sendable {
    /// Every string's bytes, back to back.
    private let bytes: [UInt8]
    /// Where string `i` starts in `bytes`; string `i` ends where `i + 1` starts.
    private let starts: [Int]
    /// Open addressing: string number + 1 in a slot, 0 when the slot is empty. Empty while
    /// the table is scanned.
    private let slots: [Int32]

    private static let linearLimit = 8

    /// Numbers `strings` in order; a string given twice keeps its first number.
    init(_ strings: [String]) {
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        for string in strings {
            bytes += string.utf8
            starts.append(bytes.count)
        }
        self.bytes = bytes
        self.starts = starts
        guard strings.count > Self.linearLimit else {
            slots = []
            return
        }
        var slots = [Int32](repeating: 0, count: 1 << (Int.bitWidth - (strings.count * 2 - 1).leadingZeroBitCount))
        let mask = slots.count - 1
        bytes.withUnsafeBytes { all in
            for index in strings.indices {
                let text = UnsafeRawBufferPointer(rebasing: all[starts[index]..<starts[index + 1]])
                var slot = Self.hash(text) & mask
                while slots[slot] != 0 {
                    let other = Int(slots[slot]) - 1
                    if text.hasSameBytes(as: UnsafeRawBufferPointer(rebasing: all[starts[other]..<starts[other + 1]])) { break }
                    slot = (slot + 1) & mask
                }
                if slots[slot] == 0 { slots[slot] = Int32(index + 1) }
            }
        }
        self.slots = slots
    }

    /// How many strings the table numbers.
    var count: Int { starts.count - 1 }

    /// The number of the string whose UTF-8 bytes are `text`.
    @inline(__always)
    func index(of text: UnsafeRawBufferPointer) -> Int? {
        bytes.withUnsafeBytes { all in
            if slots.isEmpty {
                for index in 0..<count where Self.same(text, all, starts[index], starts[index + 1]) { return index }
                return nil
            }
            let mask = slots.count - 1
            var slot = Self.hash(text) & mask
            while slots[slot] != 0 {
                let index = Int(slots[slot]) - 1
                if Self.same(text, all, starts[index], starts[index + 1]) { return index }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    /// The number of `string`.
    func index(of string: String) -> Int? {
        var string = string
        return string.withUTF8 { index(of: UnsafeRawBufferPointer($0)) }
    }

    @inline(__always)
    private static func same(_ text: UnsafeRawBufferPointer, _ all: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        text.hasSameBytes(as: UnsafeRawBufferPointer(start: all.baseAddress! + start, count: end - start))
    }

    /// A multiply-and-rotate hash of eight bytes at a time: the table's keys are not chosen by
    /// an adversary (they come from the zone's own data), so a fast hash is enough.
    @inline(__always)
    static func hash(_ text: UnsafeRawBufferPointer) -> Int {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = UInt64(text.count) &* multiplier
        var offset = 0
        while offset + 8 <= text.count {
            hash = (hash ^ text.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* multiplier
            hash = (hash << 29) | (hash >> 35)
            offset += 8
        }
        var tail: UInt64 = 0
        for index in offset..<text.count { tail |= UInt64(text[index]) << (8 * (index - offset)) }
        hash = (hash ^ tail) &* multiplier
        return Int(truncatingIfNeeded: hash ^ (hash >> 32))
    }
}
