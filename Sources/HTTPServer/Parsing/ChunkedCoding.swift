/// The pieces of the chunked transfer coding (RFC 9112 §7.1) that need parsing.
enum ChunkedCoding {
    /// The longest chunk-size line accepted, extensions included.
    static let maxSizeLineBytes = 4096

    /// The size announced by a chunk-size line such as `1a` or `1a;name=value`.
    ///
    /// A size too large for `Int` saturates to `Int.max`, which any body limit rejects.
    /// - Throws: 400 when the line does not start with hex digits followed by nothing, spaces
    ///   or a `;` extension.
    static func chunkSize(parsing line: ArraySlice<UInt8>) throws(HTTPProtocolError) -> Int {
        var size = 0
        var index = line.startIndex
        while index < line.endIndex, let digit = ByteClass.hexValue(line[index]) {
            size = size > (Int.max - digit) / 16 ? Int.max : size * 16 + digit
            index += 1
        }
        guard index > line.startIndex else {
            throw .badRequest("A chunk size is not a hexadecimal number.")
        }
        let rest = line[index...].drop(while: ByteClass.isWhitespace)
        guard rest.isEmpty || rest.first == UInt8(ascii: ";") else {
            throw .badRequest("A chunk size is not a hexadecimal number.")
        }
        guard rest.allSatisfy(ByteClass.isFieldValueByte) else {
            throw .badRequest("A chunk extension contains a control character.")
        }
        return size
    }
}
