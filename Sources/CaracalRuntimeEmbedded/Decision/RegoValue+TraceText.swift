import Manifest

extension RegoValue {
    /// Compact Rego text: JSON with sorted keys, numbers as written, sets as `{a, b}`.
    var traceText: String {
        // Written as bytes: appending to a String piece by piece costs several times more.
        var text: [UInt8] = []
        text.reserveCapacity(64)
        writeTraceText(to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    func writeTraceText(to text: inout [UInt8]) {
        switch self {
        case .null: text.appendUTF8("null")
        case .bool(let bool): text.appendUTF8(bool ? "true" : "false")
        case .number(let number): text.appendUTF8(number.literal)
        case .string(let string): string.appendQuoted(to: &text)
        case .array(let elements):
            text.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { text.appendUTF8(", ") }
                element.writeTraceText(to: &text)
            }
            text.append(UInt8(ascii: "]"))
        case .set(let set):
            if set.count == 0 {
                text.appendUTF8("set()")
                return
            }
            text.append(UInt8(ascii: "{"))
            for (index, element) in set.elements.enumerated() {
                if index > 0 { text.appendUTF8(", ") }
                element.writeTraceText(to: &text)
            }
            text.append(UInt8(ascii: "}"))
        case .object(let members):
            text.append(UInt8(ascii: "{"))
            for (index, member) in RegoValue.sortedMembers(members).enumerated() {
                if index > 0 { text.appendUTF8(", ") }
                member.key.appendQuoted(to: &text)
                text.appendUTF8(": ")
                member.value.writeTraceText(to: &text)
            }
            text.append(UInt8(ascii: "}"))
        }
    }
}

extension Optional where Wrapped == RegoValue {
    /// The value's trace text, or `(missing)`.
    var traceText: String { map(\.traceText) ?? Self.missingText }

    /// Appends the value's trace text, or `(missing)`, in UTF-8.
    func writeTraceText(to text: inout [UInt8]) {
        if let self {
            self.writeTraceText(to: &text)
        } else {
            text.appendUTF8(Self.missingText)
        }
    }

    private static let missingText = "(missing)"
}

extension Array where Element == RegoValue {
    /// `[a, b]` in trace text.
    var traceText: String { RegoValue.array(self).traceText }
}

extension String {
    /// Whether the string needs no escaping inside a JSON string literal.
    var isPlainForTrace: Bool {
        var copy = self
        return copy.withUTF8(Self.isPlainForTrace)
    }

    /// Whether `bytes` hold no control character, quote or backslash.
    ///
    /// Trace text quotes every id and scope it shows, so this is read eight bytes at a time.
    static func isPlainForTrace(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while index + 8 <= bytes.count {
                if ByteWord.jsonSpecial(ByteWord.load(base + index)) != 0 { return false }
                index += 8
            }
        }
        while index < bytes.count {
            if ByteWord.isJSONSpecial(bytes[index]) { return false }
            index += 1
        }
        return true
    }

    /// Appends the string as a JSON string literal, in UTF-8.
    func appendQuoted(to text: inout [UInt8]) {
        var copy = self
        let appended = copy.withUTF8 { bytes in
            guard Self.isPlainForTrace(bytes) else { return false }
            text.append(UInt8(ascii: "\""))
            text.append(contentsOf: bytes)
            text.append(UInt8(ascii: "\""))
            return true
        }
        if !appended { text.appendUTF8(quotedForTrace) }
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

extension Array where Element == UInt8 {
    /// Appends `text`'s UTF-8 bytes in one copy.
    ///
    /// `append(contentsOf: text.utf8)` takes the generic sequence path, which cost several
    /// times more for the short pieces trace text is made of.
    @inline(__always)
    mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }
}
