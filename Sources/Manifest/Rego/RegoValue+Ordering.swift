import Foundation

extension RegoValue: Comparable {
    /// Rego's total order (decision contract §7).
    ///
    /// Types order null < boolean < number < string < array < object < set. Strings compare by
    /// their UTF-8 bytes, numbers numerically, arrays and sets element by element then by
    /// length, and objects by walking both objects' sorted keys pairwise, comparing each key and
    /// then the value under it.
    public static func < (lhs: RegoValue, rhs: RegoValue) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// -1, 0 or 1 as `lhs` orders before, equal to or after `rhs`.
    public static func compare(_ lhs: RegoValue, _ rhs: RegoValue) -> Int {
        switch (lhs, rhs) {
        case (.null, .null):
            return 0
        case let (.bool(a), .bool(b)):
            return a == b ? 0 : (a ? 1 : -1)
        case let (.number(a), .number(b)):
            return a == b ? 0 : (a < b ? -1 : 1)
        case let (.string(a), .string(b)):
            return compareBytes(a, b)
        case let (.array(a), .array(b)):
            return compareSequences(a, b)
        case let (.set(a), .set(b)):
            return compareSequences(a.elements, b.elements)
        case let (.object(a), .object(b)):
            for (aMember, bMember) in zip(sortedMembers(a), sortedMembers(b)) {
                let keyOrder = compareBytes(aMember.key, bMember.key)
                if keyOrder != 0 { return keyOrder }
                let valueOrder = compare(aMember.value, bMember.value)
                if valueOrder != 0 { return valueOrder }
            }
            return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
        default:
            return lhs.typeRank < rhs.typeRank ? -1 : 1
        }
    }

    /// An object's members in ascending UTF-8 byte order of their keys, the order in which
    /// JSON, Rego text and traces write them.
    ///
    /// The members are sorted whole, so each value is at hand without a second lookup. Most
    /// objects have a few keys: they are sorted by insertion in place, moving members rather than
    /// copying them, which the general sort does for every shift, and comparing first the keys'
    /// first eight bytes as one number; only keys that share those compare their bytes.
    public static func sortedMembers(_ members: [String: RegoValue]) -> [(key: String, value: RegoValue)] {
        var sorted = Array(members)
        guard sorted.count > 1 else { return sorted }
        guard sorted.count <= 32 else {
            sorted.sort { compareBytes($0.key, $1.key) < 0 }
            return sorted
        }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: sorted.count) { prefixes in
            sorted.withUnsafeMutableBufferPointer { buffer in
                for index in buffer.indices { prefixes[index] = leadingBytes(buffer[index].key) }
                for index in 1..<buffer.count {
                    var position = index
                    while position > 0 {
                        let (left, right) = (prefixes[position - 1], prefixes[position])
                        guard left > right || (left == right && compareBytes(buffer[position - 1].key, buffer[position].key) > 0) else { break }
                        buffer.swapAt(position - 1, position)
                        prefixes.swapAt(position - 1, position)
                        position -= 1
                    }
                }
            }
        }
        return sorted
    }

    /// The first eight UTF-8 bytes of `key`, the first the most significant, zeros after its
    /// end: keys whose numbers differ are in the numbers' order.
    private static func leadingBytes(_ key: String) -> UInt64 {
        func number(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var value: UInt64 = 0
            for index in 0..<Swift.min(8, bytes.count) { value |= UInt64(bytes[index]) << (56 - 8 * index) }
            return value
        }
        return withBytes(of: key, number)
    }

    /// Calls `body` with the UTF-8 bytes of `text`, read in place when it is native (small
    /// strings are copied to the stack), otherwise from a native copy.
    @inline(__always)
    private static func withBytes<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var text = text
        return text.withUTF8(body)
    }

    /// Compares two strings by their UTF-8 bytes, as Rego does.
    public static func compareBytes(_ a: String, _ b: String) -> Int {
        withBytes(of: a) { x in withBytes(of: b) { y in compareBytes(x, y) } }
    }

    private static func compareBytes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        let shared = Swift.min(x.count, y.count)
        if shared > 0, let left = x.baseAddress, let right = y.baseAddress {
            let order = memcmp(left, right, shared)
            if order != 0 { return order < 0 ? -1 : 1 }
        }
        return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
    }

    private static func compareSequences(_ a: [RegoValue], _ b: [RegoValue]) -> Int {
        for (x, y) in zip(a, b) {
            let order = compare(x, y)
            if order != 0 { return order }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    private var typeRank: Int {
        switch self {
        case .null: return 0
        case .bool: return 1
        case .number: return 2
        case .string: return 3
        case .array: return 4
        case .object: return 5
        case .set: return 6
        }
    }
}
