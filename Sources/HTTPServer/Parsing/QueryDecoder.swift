/// Decodes a URL query (`a=1&b=x%20y+z`) into parameters.
///
/// Percent escapes are decoded and `+` reads as a space; an escape that is not two hex digits
/// is kept literally, and bytes that are not UTF-8 become U+FFFD. The last value of a name wins.
enum QueryDecoder {
    static func decode(_ query: Substring) -> [String: String] {
        var result: [String: String] = [:]
        for pair in query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let name: Substring.UTF8View.SubSequence
            let value: Substring.UTF8View.SubSequence
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                name = pair[..<equals]
                value = pair[pair.index(after: equals)...]
            } else {
                name = pair
                value = pair[pair.endIndex...]
            }
            result[percentDecoded(name)] = percentDecoded(value)
        }
        return result
    }

    static func percentDecoded<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"),
                      let first = bytes.index(index, offsetBy: 1, limitedBy: bytes.endIndex),
                      first != bytes.endIndex,
                      let second = bytes.index(first, offsetBy: 1, limitedBy: bytes.endIndex),
                      second != bytes.endIndex,
                      let high = ByteClass.hexValue(bytes[first]),
                      let low = ByteClass.hexValue(bytes[second]) {
                output.append(UInt8(high << 4 | low))
                index = second
            } else {
                output.append(byte)
            }
            index = bytes.index(after: index)
        }
        return String(decoding: output, as: UTF8.self)
    }
}
