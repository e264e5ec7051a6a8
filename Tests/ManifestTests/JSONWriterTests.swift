import Testing
import TestSupport
@testable import Manifest

struct JSONWriterTests {
    @Test func compactFormSortsKeysAndWritesSetsAsArrays() throws {
        let value = RegoValue.object([
            "b": .set(RegoSet([.string("y"), .int(1), .string("x")])),
            "a": .array([.null, .bool(true), .number(try #require(RegoNumber(literal: "1800.0")))]),
            "é": .object([:]),
            "Z": .array([]),
        ])
        #expect(JSONWriter.compact(value) == #"{"Z":[],"a":[null,true,1800.0],"b":[1,"x","y"],"é":{}}"#)
        #expect(value.jsonText == JSONWriter.compact(value))
    }

    /// Objects of up to 32 members are sorted by insertion, larger ones by the general sort:
    /// both must give byte order, with prefixes, NUL bytes and non-ASCII keys among the keys.
    @Test(arguments: [2, 5, 31, 32, 33, 80])
    func keysAreInUTF8ByteOrderAtEverySize(count: Int) throws {
        var generator = SplitMix64(seed: 0x5EED_0000 + UInt64(count))
        let alphabet = ["a", "b", "Z", "_", "é", "ß", "0", "~", "日", "\u{0}"]
        var keys: Set<String> = []
        while keys.count < count {
            let length = Int(generator.next() % 12) + 1
            keys.insert((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined())
        }
        var members: [String: RegoValue] = [:]
        for key in keys { members[key] = .string(key) }
        let expected = keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let written = JSONWriter.compact(.object(members))
        let read = try JSONReader.value(from: Array(written.utf8))
        #expect(written == "{" + expected.map { "\(JSONWriter.quoted($0)):\(JSONWriter.quoted($0))" }.joined(separator: ",") + "}")
        #expect(read == .object(members))
    }

    /// Keys are ordered by their first eight bytes as a number first: keys that share those,
    /// or that end within them, must still come in byte order.
    @Test func keysSharingTheirFirstEightBytesAreInByteOrder() throws {
        let keys = [
            "created_at", "created_by", "created_via_operator", "created_", "created", "created_\u{0}",
            "created_\u{0}\u{0}", "updated_at", "updated_by", "a", "a\u{0}", "ab", "abcdefgh", "abcdefghi", "abcdefgg",
            "日本語のキー", "日本語のキーと値",
        ]
        var members: [String: RegoValue] = [:]
        for key in keys { members[key] = .string(key) }
        let expected = keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(RegoValue.sortedMembers(members).map(\.key) == expected)
    }

    /// Strings are scanned eight bytes at a time: every character that must be escaped, and
    /// the neighbours of U+2028's lead byte that must not be, at every position of strings up
    /// to 24 bytes long, read back as the string written, with nothing left unescaped.
    @Test(arguments: ["\"", "\\", "\n", "\u{01}", "\u{1F}", "\u{2028}", "\u{2029}", "\u{2027}", "€", "é", "\u{7F}"])
    func stringsEscapeTheSameAtEveryPosition(special: String) throws {
        for length in 0...24 {
            for position in 0...length {
                let text = String(repeating: "a", count: position) + special + String(repeating: "b", count: length - position)
                let written = JSONWriter.compact(.string(text))
                #expect(try JSONReader.value(from: written) == .string(text), "\(length) \(position)")
                let inner = written.utf8.dropFirst().dropLast()
                #expect(!inner.contains { $0 < 0x20 }, "\(length) \(position)")
                #expect(!written.contains("\u{2028}") && !written.contains("\u{2029}"), "\(length) \(position)")
            }
        }
    }

    @Test func prettyFormIndentsByTwoSpaces() {
        let value = RegoValue.object([
            "decision": .string("deny"),
            "diagnostics": .array([.object(["reason": .string("no_rule_matched")])]),
            "determining_policies": .array([]),
        ])
        #expect(JSONWriter.pretty(value) == """
            {
              "decision": "deny",
              "determining_policies": [],
              "diagnostics": [
                {
                  "reason": "no_rule_matched"
                }
              ]
            }
            """)
    }

    @Test func escapesStringsLikeGo() {
        let cases: [(String, String)] = [
            ("plain", #""plain""#),
            ("q\"b\\s/", #""q\"b\\s/""#),
            ("\n\r\t", #""\n\r\t""#),
            ("\u{08}\u{0C}", #""\b\f""#),
            ("\u{00}\u{01}\u{1F}\u{7F}", "\"\\u0000\\u0001\\u001f\u{7F}\""),
            ("<a href=\"x\">&amp;</a>", #""<a href=\"x\">&amp;</a>""#),
            ("\u{2028}\u{2029}", #""\u2028\u2029""#),
            ("…€\u{2027}\u{202A}é😀", "\"…€\u{2027}\u{202A}é😀\""),
            ("a\u{E2}\u{2028}", "\"a\u{E2}\\u2028\""),
        ]
        for (string, expected) in cases {
            #expect(JSONWriter.quoted(string) == expected, "\(string.unicodeScalars.map { $0.value })")
            #expect(JSONWriter.compact(.string(string)) == expected)
        }
    }

    @Test func appendsCompactJSONToABuffer() {
        var buffer = Array("x=".utf8)
        JSONWriter.writeCompact(.object(["k": .int(1)]), into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == #"x={"k":1}"#)
    }
}

struct JSONRoundTripPropertyTests {
    /// JSON has no sets: they come back as arrays in Rego order.
    private func jsonShape(_ value: RegoValue) -> RegoValue {
        switch value {
        case .array(let elements): return .array(elements.map(jsonShape))
        case .set(let set): return .array(set.elements.map(jsonShape))
        case .object(let members): return .object(members.mapValues(jsonShape))
        default: return value
        }
    }

    @Test func writtenJSONReadsBackToTheSameValue() throws {
        var generator = RegoValueGenerator(seed: 0x00DE_C1DE)
        generator.maximumDepth = 5
        for iteration in 0..<600 {
            let value = generator.value()
            let compact = JSONWriter.compact(value)
            let fromCompact = try RegoValue(jsonBytes: Array(compact.utf8))
            #expect(fromCompact == jsonShape(value), "iteration \(iteration): \(compact)")
            #expect(JSONWriter.compact(fromCompact) == compact, "iteration \(iteration)")
            let fromPretty = try JSONReader.value(from: JSONWriter.pretty(value))
            #expect(fromPretty == jsonShape(value), "iteration \(iteration)")
        }
    }
}
