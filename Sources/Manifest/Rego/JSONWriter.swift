/// Writes ``RegoValue``s as JSON.
///
/// Object keys are sorted by their UTF-8 bytes, sets are written as arrays in Rego order and
/// numbers by their literal, so equal values always give the same bytes. Strings are escaped as
/// Go's `encoding/json` escapes them with HTML escaping off (what OPA prints): `\"`, `\\`,
/// `\b`, `\f`, `\n`, `\r`, `\t`, other control characters as `\u00XX`, and U+2028/U+2029 as
/// `\u2028`/`\u2029`; `<`, `>` and `&` are left as they are.
public enum JSONWriter {
    /// The value on one line with no spaces, as decisions are printed (one per line).
    public static func compact(_ value: RegoValue) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(value, into: &output, indent: nil, level: 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// The value indented by two spaces per level, for people; no trailing newline.
    public static func pretty(_ value: RegoValue) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(value, into: &output, indent: 2, level: 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the compact JSON of `value` to `output`.
    public static func writeCompact(_ value: RegoValue, into output: inout [UInt8]) {
        write(value, into: &output, indent: nil, level: 0)
    }

    /// `string` as a quoted JSON string literal.
    public static func quoted(_ string: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(string.utf8.count + 2)
        writeString(string, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func write(_ value: RegoValue, into output: inout [UInt8], indent: Int?, level: Int) {
        switch value {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number):
            output.append(contentsOf: number.literal.utf8)
        case .string(let string):
            writeString(string, into: &output)
        case .array(let elements):
            writeSequence(elements, into: &output, indent: indent, level: level)
        case .set(let set):
            writeSequence(set.elements, into: &output, indent: indent, level: level)
        case .object(let members):
            guard !members.isEmpty else {
                output.append(contentsOf: "{}".utf8)
                return
            }
            output.append(UInt8(ascii: "{"))
            for (position, member) in RegoValue.sortedMembers(members).enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                newline(into: &output, indent: indent, level: level + 1)
                writeString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                if indent != nil { output.append(UInt8(ascii: " ")) }
                write(member.value, into: &output, indent: indent, level: level + 1)
            }
            newline(into: &output, indent: indent, level: level)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func writeSequence(_ elements: [RegoValue], into output: inout [UInt8], indent: Int?, level: Int) {
        guard !elements.isEmpty else {
            output.append(contentsOf: "[]".utf8)
            return
        }
        output.append(UInt8(ascii: "["))
        for (position, element) in elements.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            newline(into: &output, indent: indent, level: level + 1)
            write(element, into: &output, indent: indent, level: level + 1)
        }
        newline(into: &output, indent: indent, level: level)
        output.append(UInt8(ascii: "]"))
    }

    private static func newline(into output: inout [UInt8], indent: Int?, level: Int) {
        guard let indent else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends `string` as a quoted, escaped JSON string.
    static func writeString(_ string: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            // Runs of bytes that need no escape are copied whole; only the rare byte that
            // might need one is looked at on its own.
            var runStart = 0
            var index = 0
            while index < bytes.count {
                // Eight bytes at a time while none of them might need a look.
                // 0xE2 leads U+2028 and U+2029, which are escaped too.
                while index + 8 <= bytes.count {
                    let word = ByteWord.load(bytes.baseAddress! + index)
                    guard ByteWord.jsonSpecial(word) | ByteWord.bytes(of: word, equalTo: 0xE2) == 0 else { break }
                    index += 8
                }
                guard index < bytes.count else { break }
                let byte = bytes[index]
                guard ByteWord.isJSONSpecial(byte) || byte == 0xE2 else {
                    index += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                // U+2028 and U+2029 are E2 80 A8 / E2 80 A9 in UTF-8.
                if byte == 0xE2 {
                    if index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                        output.append(contentsOf: bytes[index + 2] == 0xA8 ? "\\u2028".utf8 : "\\u2029".utf8)
                        index += 3
                    } else {
                        output.append(byte)
                        index += 1
                    }
                    runStart = index
                    continue
                }
                appendEscape(byte, into: &output)
                index += 1
                runStart = index
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Appends the escape for a quote, a backslash or a control character.
    private static func appendEscape(_ byte: UInt8, into output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
        case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
        case 0x08: output.append(contentsOf: "\\b".utf8)
        case 0x0C: output.append(contentsOf: "\\f".utf8)
        case UInt8(ascii: "\n"): output.append(contentsOf: "\\n".utf8)
        case UInt8(ascii: "\r"): output.append(contentsOf: "\\r".utf8)
        case UInt8(ascii: "\t"): output.append(contentsOf: "\\t".utf8)
        default:
            output.append(contentsOf: "\\u00".utf8)
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0xF)])
        }
    }
}
