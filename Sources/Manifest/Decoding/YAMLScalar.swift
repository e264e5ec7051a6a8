/// How a scalar resolves under the YAML 1.2 core schema.
enum YAMLScalar: Equatable {
    case null
    case bool(Bool)
    case number(RegoNumber)
    case string(String)

    static let strTag = "tag:yaml.org,2002:str"
    static let knownTags: Set<String> = [
        "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
        "tag:yaml.org,2002:seq", "tag:yaml.org,2002:set", "!",
    ]

    /// Resolves `text` written in `style`; `nil` for a plain number YAML allows but JSON cannot
    /// hold (`.inf`, `.nan`).
    static func resolve(_ text: String, style: YAMLNode.ScalarStyle, tag: String?) -> YAMLScalar? {
        if tag == strTag || tag == "!" || style != .plain { return .string(text) }
        // Null, booleans, special numbers and numbers all start with one of these; most plain
        // scalars (names, URLs) do not, and need no further look.
        if let first = text.utf8.first, !Self.mayStartNonString(first) { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
            return nil
        default:
            break
        }
        if let number = number(text) { return .number(number) }
        return .string(text)
    }

    /// Whether a plain scalar starting with `byte` can resolve to anything but a string: `~`,
    /// `n`/`N` (null), `t`/`T`/`f`/`F` (booleans), `.`, `+`, `-` or a digit.
    private static func mayStartNonString(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
             UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return false
        }
    }

    /// A YAML core-schema number in JSON form, or `nil` when `text` is not one.
    private static func number(_ text: String) -> RegoNumber? {
        guard let first = text.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
            || first == UInt8(ascii: ".") || (first >= 0x30 && first <= 0x39) else { return nil }
        if text.hasPrefix("0x"), let value = Int(text.dropFirst(2), radix: 16) { return RegoNumber(value) }
        if text.hasPrefix("0o"), let value = Int(text.dropFirst(2), radix: 8) { return RegoNumber(value) }
        if let exact = RegoNumber(literal: text) { return exact }
        // YAML allows forms JSON does not: "+1", "1.", ".5", "01". Normalise them.
        var body = Substring(text)
        var negative = false
        if body.first == "+" || body.first == "-" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "+" || $0 == "-") }),
              Double(body)?.isFinite == true else { return nil }
        var mantissa = body
        var exponent = ""
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = body[..<e]
            exponent = String(body[e...])
        }
        var integer = mantissa
        var fraction = Substring("")
        if let dot = mantissa.firstIndex(of: ".") {
            integer = mantissa[..<dot]
            fraction = mantissa[mantissa.index(after: dot)...]
        }
        let trimmedInteger = integer.drop(while: { $0 == "0" })
        var literal = (negative ? "-" : "") + (trimmedInteger.isEmpty ? "0" : String(trimmedInteger))
        if !fraction.isEmpty { literal += "." + fraction }
        literal += exponent
        return RegoNumber(literal: literal)
    }
}
