import Foundation

/// Where each line of a UTF-8 text starts, so that byte offsets can be reported as 1-based
/// lines and columns.
///
/// Lines end at `\n` (a `\r` before it belongs to the line). Columns count Unicode scalars,
/// as every Rego diagnostic does, so a column is found by counting the scalars that start
/// between the line's first byte and the offset.
struct RegoLineTable {
    /// The byte offset of the first byte of each line.
    private(set) var starts: [Int] = [0]

    /// The line starts of `bytes`.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count, let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), bytes.count - offset) {
            offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found)) + 1
            starts.append(offset)
        }
    }

    /// The 1-based line of the byte at `offset`.
    func line(of offset: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// The 1-based line and column of the byte at `offset` in `bytes`, the text this table
    /// was made from. An offset past the end counts one column per byte beyond it.
    func position<Bytes: RandomAccessCollection<UInt8>>(of offset: Int, in bytes: Bytes) -> (line: Int, column: Int)
    where Bytes.Index == Int {
        let line = line(of: offset)
        let start = starts[line - 1]
        let end = min(offset, bytes.count)
        var column = 1 + max(0, offset - end)
        if start < end {
            for byte in bytes[start..<end] where byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }
}
