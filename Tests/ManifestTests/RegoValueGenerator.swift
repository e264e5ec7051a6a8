import TestSupport
@testable import Manifest

/// Random ``RegoValue`` trees from a seed, for property tests: the same seed always gives the
/// same values.
struct RegoValueGenerator {

    var random: SplitMix64
    var maximumDepth = 4

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    // Characters chosen to stress escaping: quotes, backslashes, control characters, line and
    // paragraph separators, non-BMP scalars. No combining marks: Swift compares strings by
    // canonical equivalence, which would merge object keys that Rego keeps apart.
    private static let alphabet: [Unicode.Scalar] = Array(
        "abcXYZ019 _-:./{}[]\",`#<>&'\\é中ßΩ😀𝄞\u{7F}\u{A0}\u{2028}\u{2029}\u{FEFF}\u{10FFFF}".unicodeScalars)
        + (0..<0x20).map { Unicode.Scalar(UInt8($0)) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    mutating func string() -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<int(0...10) {
            scalars.append(Self.alphabet[int(0...(Self.alphabet.count - 1))])
        }
        return String(scalars)
    }

    /// A JSON number literal: negatives, fractions and exponents, always finite.
    mutating func number() -> RegoNumber {
        var literal = int(0...2) == 0 ? "-" : ""
        if int(0...3) == 0 {
            literal += "0"
        } else {
            literal += String(int(1...9))
            for _ in 0..<int(0...17) { literal += String(int(0...9)) }
        }
        if int(0...2) == 0 {
            literal += "."
            for _ in 0..<int(1...6) { literal += String(int(0...9)) }
        }
        if int(0...3) == 0 {
            literal += ["e", "E"][int(0...1)] + ["", "+", "-"][int(0...2)] + String(int(0...280))
        }
        return RegoNumber(literal: literal)!
    }

    mutating func value(depth: Int = 0) -> RegoValue {
        let kind = depth >= maximumDepth ? int(0...3) : int(0...6)
        switch kind {
        case 0: return int(0...3) == 0 ? .null : .bool(int(0...1) == 1)
        case 1: return .number(number())
        case 2, 3: return .string(string())
        case 4: return .array((0..<int(0...4)).map { _ in value(depth: depth + 1) })
        case 5:
            var members: [String: RegoValue] = [:]
            for _ in 0..<int(0...4) { members[string()] = value(depth: depth + 1) }
            return .object(members)
        default:
            return .set(RegoSet((0..<int(0...4)).map { _ in value(depth: depth + 1) }))
        }
    }

    /// A map of rule names to random values; names are the allowed data rules, plus sometimes
    /// another identifier.
    mutating func rules() -> [String: RegoValue] {
        var rules: [String: RegoValue] = [:]
        for _ in 0..<int(1...4) {
            let names = RegoPolicyRules.allowedRules + ["extra_rule", "Zeta"]
            rules[names[int(0...(names.count - 1))]] = value()
        }
        return rules
    }
}
