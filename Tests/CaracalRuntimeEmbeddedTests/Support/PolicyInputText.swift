import TestSupport
import Manifest
@testable import CaracalRuntimeEmbedded

/// Writes policy inputs as JSON text the way odd clients do: extra whitespace, escaped and
/// non-ASCII text, odd numbers, duplicate keys, deep nesting, and now and then broken text.
struct PolicyInputText {
    var generator: SplitMix64

    /// `value` as JSON text with random quirks, sometimes malformed.
    mutating func text(_ value: RegoValue) -> [UInt8] {
        var output = ""
        write(value, into: &output, depth: 0)
        return chance(1, in: 25) ? breakText(Array(output.utf8)) : Array(output.utf8)
    }

    private mutating func chance(_ times: Int, in outOf: Int) -> Bool {
        Int.random(in: 0..<outOf, using: &generator) < times
    }

    private mutating func space() -> String {
        chance(1, in: 8) ? [" ", "\t", "  ", "\r", " \t "].randomElement(using: &generator)! : ""
    }

    private mutating func write(_ value: RegoValue, into output: inout String, depth: Int) {
        output += space()
        switch value {
        case .object(let members):
            output += "{"
            var entries = members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            if chance(1, in: 12) { entries.append((oddKey(), oddValue())) }
            if chance(1, in: 40), let first = entries.first { entries.append(first) }
            entries.shuffle(using: &generator)
            for (index, (key, member)) in entries.enumerated() {
                if index > 0 { output += "," }
                output += space() + quoted(key) + space() + ":"
                write(member, into: &output, depth: depth + 1)
            }
            output += space() + "}"
        case .array(let elements):
            output += "[" + space()
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                write(element, into: &output, depth: depth + 1)
            }
            output += space() + "]"
        case .set(let set):
            write(.array(set.elements), into: &output, depth: depth)
        case .string(let string):
            output += quoted(string)
        default:
            output += JSONWriter.compact(value)
        }
        output += space()
    }

    /// A string literal, sometimes with letters written as `\u` escapes.
    private mutating func quoted(_ string: String) -> String {
        guard chance(1, in: 80), let scalar = string.unicodeScalars.first else { return JSONWriter.quoted(string) }
        let hex = String(scalar.value, radix: 16)
        let escaped = "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return "\"" + (scalar.value < 0x10000 ? escaped : "\\ud83d\\ude00") + JSONWriter.quoted(String(string.unicodeScalars.dropFirst())).dropFirst()
    }

    private mutating func oddKey() -> String {
        ["extra", "é", "a\"b", "context", "principal", "déjà", "x\u{2028}", "id", "labels", "🙂"].randomElement(using: &generator)!
    }

    private mutating func oddValue() -> RegoValue {
        switch Int.random(in: 0..<8, using: &generator) {
        case 0: return .null
        case 1: return .number(RegoNumber(literal: ["1e5", "-0", "1.50", "12345678901234567890", "0.000001", "-12.5E-3"].randomElement(using: &generator)!)!)
        case 2: return .string("tab\there, quote\" and é")
        case 3:
            var nested = RegoValue.array([])
            for _ in 0..<Int.random(in: 1..<90, using: &generator) { nested = .array([nested]) }
            return nested
        case 4: return .object(["a": .object(["b": .array([.int(1), .bool(false)])])])
        case 5: return .bool(Bool.random(using: &generator))
        default: return .array((0..<40).map { .int($0) })
        }
    }

    /// Text that `JSONReader` refuses (or, rarely, still reads).
    private mutating func breakText(_ text: [UInt8]) -> [UInt8] {
        var bytes = text
        switch Int.random(in: 0..<8, using: &generator) {
        case 0: bytes.removeLast(Int.random(in: 1...min(5, bytes.count), using: &generator))
        case 1: bytes += Array(" x".utf8)
        case 2: bytes.insert(0x01, at: Int.random(in: 0..<bytes.count, using: &generator))
        case 3: bytes.insert(0xFF, at: Int.random(in: 0..<bytes.count, using: &generator))
        case 4: bytes = Array("[1, 2]".utf8)
        case 5: bytes = Array("{\"a\": 1, \"a\": 2}".utf8)
        case 6: bytes = Array(("{\"deep\": " + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}").utf8)
        default: bytes = Array("{\"principal\": {\"id\": \"\\ud800\"}}".utf8)
        }
        return bytes
    }
}
