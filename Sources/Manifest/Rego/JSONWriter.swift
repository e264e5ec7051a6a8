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
            for (position, key) in sortedKeys(members).enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                newline(into: &output, indent: indent, level: level + 1)
                writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                if indent != nil { output.append(UInt8(ascii: " ")) }
                write(members[key]!, into: &output, indent: indent, level: level + 1)
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

    /// An object's keys in ascending UTF-8 byte order.
    static func sortedKeys(_ members: [String: RegoValue]) -> [String] {
        members.keys.sorted { RegoValue.compareBytes($0, $1) < 0 }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends `string` as a quoted, escaped JSON string.
    static func writeString(_ string: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var utf8 = string.utf8.makeIterator()
        // U+2028 and U+2029 are E2 80 A8 / E2 80 A9 in UTF-8; hold back E2 80 until the third
        // byte shows whether to escape.
        var pending: [UInt8] = []
        while let byte = utf8.next() {
            if !pending.isEmpty {
                pending.append(byte)
                if pending.count == 2 {
                    if byte != 0x80 {
                        output.append(contentsOf: pending)
                        pending.removeAll(keepingCapacity: true)
                    }
                    continue
                }
                if byte == 0xA8 || byte == 0xA9 {
                    output.append(contentsOf: byte == 0xA8 ? "\\u2028".utf8 : "\\u2029".utf8)
                } else {
                    output.append(contentsOf: pending)
                }
                pending.removeAll(keepingCapacity: true)
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
            case 0x08: output.append(contentsOf: "\\b".utf8)
            case 0x0C: output.append(contentsOf: "\\f".utf8)
            case UInt8(ascii: "\n"): output.append(contentsOf: "\\n".utf8)
            case UInt8(ascii: "\r"): output.append(contentsOf: "\\r".utf8)
            case UInt8(ascii: "\t"): output.append(contentsOf: "\\t".utf8)
            case 0x00..<0x20:
                output.append(contentsOf: "\\u00".utf8)
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0xF)])
            case 0xE2:
                pending.append(byte)
            default:
                output.append(byte)
            }
        }
        output.append(contentsOf: pending)
        output.append(UInt8(ascii: "\""))
    }
}
