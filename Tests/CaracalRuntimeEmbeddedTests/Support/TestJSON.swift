import Manifest

/// A test-only JSON reader that keeps number literals (so `1800.0` stays `1800.0`) and reads
/// `{"$set": [...]}` as a Rego set, which is how the fixtures write data-document sets.
enum TestJSON {
    struct ParseError: Error, CustomStringConvertible {
        let message: String
        let offset: Int
        var description: String { "JSON error at byte \(offset): \(message)" }
    }

    static func parse(_ text: String) throws -> RegoValue {
        var parser = Parser(bytes: Array(text.utf8))
        parser.skipWhitespace()
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.error("trailing characters") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        func error(_ message: String) -> ParseError { ParseError(message: message, offset: index) }

        mutating func skipWhitespace() {
            while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        }

        mutating func expect(_ byte: UInt8) throws {
            guard index < bytes.count, bytes[index] == byte else {
                throw error("expected '\(Character(Unicode.Scalar(byte)))'")
            }
            index += 1
        }

        mutating func literal(_ word: String, _ value: RegoValue) throws -> RegoValue {
            let word = Array(word.utf8)
            guard bytes.count - index >= word.count, Array(bytes[index..<index + word.count]) == word else {
                throw error("unexpected token")
            }
            index += word.count
            return value
        }

        mutating func value() throws -> RegoValue {
            guard index < bytes.count else { throw error("unexpected end") }
            switch bytes[index] {
            case UInt8(ascii: "n"): return try literal("null", .null)
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "["): return .array(try array())
            case UInt8(ascii: "{"): return try object()
            default: return try number()
            }
        }

        mutating func number() throws -> RegoValue {
            let start = index
            while index < bytes.count, "-+.eE0123456789".utf8.contains(bytes[index]) { index += 1 }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard let number = RegoNumber(literal: text) else { throw error("bad number '\(text)'") }
            return .number(number)
        }

        mutating func string() throws -> String {
            try expect(UInt8(ascii: "\""))
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flush() {
                scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
                raw.removeAll()
            }
            while true {
                guard index < bytes.count else { throw error("unterminated string") }
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\"") { break }
                if byte != UInt8(ascii: "\\") { raw.append(byte); continue }
                flush()
                guard index < bytes.count else { throw error("bad escape") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "u"):
                    guard index + 4 <= bytes.count,
                          let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(code)
                    else { throw error("bad \\u escape") }
                    index += 4
                    scalars.append(scalar)
                default: scalars.append(Unicode.Scalar(escape))
                }
            }
            flush()
            return String(scalars)
        }

        mutating func array() throws -> [RegoValue] {
            try expect(UInt8(ascii: "["))
            var elements: [RegoValue] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return elements }
            while true {
                skipWhitespace()
                elements.append(try value())
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "]"))
                return elements
            }
        }

        mutating func object() throws -> RegoValue {
            try expect(UInt8(ascii: "{"))
            var members: [String: RegoValue] = [:]
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            while true {
                skipWhitespace()
                let key = try string()
                skipWhitespace()
                try expect(UInt8(ascii: ":"))
                skipWhitespace()
                guard members[key] == nil else { throw error("duplicate key '\(key)'") }
                members[key] = try value()
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "}"))
                break
            }
            if members.count == 1, case .array(let elements)? = members["$set"] {
                return .set(RegoSet(elements))
            }
            return .object(members)
        }
    }
}
