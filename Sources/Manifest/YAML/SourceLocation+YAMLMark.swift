import CYAML

extension SourceLocation {
    /// Converts libyaml's 0-based mark to a 1-based location; every node position goes through here.
    init(_ mark: yaml_mark_t, file: String) {
        self.init(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    /// The location of a byte offset, for libyaml reader errors, which report only an offset.
    ///
    /// Lines break at LF, CR and CRLF as in libyaml; columns count Unicode scalars (UTF-8
    /// lead bytes), so an offset inside a broken sequence lands on the column it starts.
    init(byteOffset: Int, in bytes: UnsafeBufferPointer<UInt8>, file: String) {
        var line = 1
        var column = 1
        var index = 0
        let end = min(byteOffset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A)) {
                line += 1
                column = 1
            } else if byte == 0x0D {
                // The CR of a CRLF; the LF that follows ends the line.
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        self.init(file: file, line: line, column: column)
    }
}
