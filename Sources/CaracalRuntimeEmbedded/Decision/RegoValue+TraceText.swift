import Manifest

extension RegoValue {
    /// Compact Rego text: JSON with sorted keys, numbers as written, sets as `{a, b}`.
    var traceText: String {
        var text = ""
        writeTraceText(to: &text)
        return text
    }

    private func writeTraceText(to text: inout String) {
        switch self {
        case .null: text += "null"
        case .bool(let bool): text += bool ? "true" : "false"
        case .number(let number): text += number.literal
        case .string(let string): string.appendQuoted(to: &text)
        case .array(let elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += ", " }
                element.writeTraceText(to: &text)
            }
            text += "]"
        case .set(let set):
            if set.count == 0 { text += "set()"; return }
            text += "{"
            for (index, element) in set.elements.enumerated() {
                if index > 0 { text += ", " }
                element.writeTraceText(to: &text)
            }
            text += "}"
        case .object(let members):
            text += "{"
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { text += ", " }
                key.appendQuoted(to: &text)
                text += ": "
                members[key]!.writeTraceText(to: &text)
            }
            text += "}"
        }
    }
}

extension Optional where Wrapped == RegoValue {
    /// The value's trace text, or `(missing)`.
    var traceText: String { map(\.traceText) ?? "(missing)" }
}

extension Array where Element == RegoValue {
    /// `[a, b]` in trace text.
    var traceText: String { RegoValue.array(self).traceText }
}

extension String {
    /// Whether the string needs no escaping inside a JSON string literal.
    var isPlainForTrace: Bool {
        var copy = self
        return copy.withUTF8 { bytes in
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return false
            }
            return true
        }
    }

    /// Appends the string as a JSON string literal.
    func appendQuoted(to text: inout String) {
        if isPlainForTrace {
            text += "\""
            text += self
            text += "\""
        } else {
            text += quotedForTrace
        }
    }

    /// The string as a JSON string literal.
    var quotedForTrace: String {
        if isPlainForTrace { return "\"" + self + "\"" }
        var text = "\""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                text += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }
}
