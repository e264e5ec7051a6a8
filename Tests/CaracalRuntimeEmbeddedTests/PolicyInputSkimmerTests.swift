import Manifest
import Testing
@testable import CaracalRuntimeEmbedded

/// The skimmer reads plain text itself and gives every other text to `JSONReader`, at every
/// position a string, a number or an object can end; and where it reads, it reads the same
/// fields (checked by `DecisionReplayTests.skims`).
struct PolicyInputSkimmerTests {
    /// Bytes in a string that the skimmer leaves to `JSONReader`: escapes, non-ASCII text, and
    /// control characters (which make the line invalid).
    static let specials: [[UInt8]] = [
        Array(#"\""#.utf8), Array(#"\\"#.utf8), Array(#"\n"#.utf8), Array(#"\u00e9"#.utf8),
        Array("é".utf8), Array("🐆".utf8), [0x01], [0x09], [0x1F],
    ]

    /// Plain bytes, the edges of the plain range included.
    static let plain = Array(" !#[]~\u{7F}az09:/".utf8)

    /// `{"principal":{"id":"…"}}` with `value` as the id, and `tail` after it in the object.
    static func line(id value: [UInt8], tail: String = "") -> [UInt8] {
        Array(#"{"principal":{"id":""#.utf8) + value + Array("\"\(tail)}}".utf8)
    }

    @Test func stringsOfEveryLengthEndWhereTheirQuoteIs() {
        var skimmer = PolicyInputSkimmer()
        for length in 0...24 {
            let plain = (0..<length).map { Self.plain[$0 % Self.plain.count] }
            for tail in ["", #","type":"Workload""#] {
                #expect(DecisionReplayTests.skims(Self.line(id: plain, tail: tail), &skimmer), "length \(length)")
                // Cut short at every byte: JSONReader refuses it, and so does the skimmer.
                let whole = Self.line(id: plain, tail: tail)
                for end in 0..<whole.count {
                    #expect(!DecisionReplayTests.skims(Array(whole[..<end]), &skimmer), "cut at \(end) of \(length)")
                }
            }
        }
    }

    @Test func escapesControlsAndNonASCIIAtEveryPositionGoToJSONReader() {
        var skimmer = PolicyInputSkimmer()
        for length in 0...17 {
            for position in 0...length {
                for special in Self.specials {
                    var value = Array(repeating: UInt8(ascii: "b"), count: length)
                    value.insert(contentsOf: special, at: position)
                    for tail in ["", #","labels":["x"]"#] {
                        let line = Self.line(id: value, tail: tail)
                        #expect(!DecisionReplayTests.skims(line, &skimmer), "\(String(decoding: line, as: UTF8.self))")
                    }
                }
            }
        }
    }

    @Test(arguments: [
        ("0", true), ("-0", true), ("12.5", true), ("-3.25", true), ("123456789012345678", true),
        ("1234567890123456789", false), ("1e5", false), ("2E-3", false), ("01", false), ("-", false),
        ("1.", false), (".5", false), ("+1", false), ("--1", false),
    ])
    func numbersTheSkimmerReadsOrLeaves(text: String, skimmed: Bool) {
        var skimmer = PolicyInputSkimmer()
        let line = Array(#"{"session":\#(text),"principal":{"id":"p"}}"#.utf8)
        #expect(DecisionReplayTests.skims(line, &skimmer) == skimmed, "\(text)")
    }

    @Test func nestedObjectsAndDuplicateKeys() {
        var skimmer = PolicyInputSkimmer()
        let deep = String(repeating: #"{"a":"#, count: 40) + "1" + String(repeating: "}", count: 40)
        #expect(DecisionReplayTests.skims(Array(#"{"x":\#(deep),"resource":{"identifier":"r"}}"#.utf8), &skimmer))
        let tooDeep = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        #expect(!DecisionReplayTests.skims(Array(#"{"x":\#(tooDeep)}"#.utf8), &skimmer))
        // The same key twice in one object is refused; in two objects it is fine.
        #expect(!DecisionReplayTests.skims(Array(#"{"principal":{"id":"a","id":"b"}}"#.utf8), &skimmer))
        #expect(!DecisionReplayTests.skims(Array(#"{"x":{"k":1,"kk":2,"k":3}}"#.utf8), &skimmer))
        #expect(DecisionReplayTests.skims(Array(#"{"x":{"id":1},"principal":{"id":"a"}}"#.utf8), &skimmer))
        #expect(DecisionReplayTests.skims(Array(" {\t\"principal\" : { \"labels\" : [ \"a\" , \"b\" ] } }\r".utf8), &skimmer))
    }

    @Test func arraysAreReadInPlaceUpToTheirLimit() {
        var skimmer = PolicyInputSkimmer()
        for count in [0, 1, PolicyInputSkimmer.maximumElements, PolicyInputSkimmer.maximumElements + 1] {
            let scopes = (0..<count).map { "\"s\($0)\"" }.joined(separator: " , ")
            let line = Array(#"{"context":{"requested_scopes":[\#(scopes)]},"principal":{"labels":["a"]}}"#.utf8)
            #expect(DecisionReplayTests.skims(line, &skimmer))
            let inPlace = line.withUnsafeBufferPointer { skimmer.read($0) && skimmer.fields() != nil }
            #expect(inPlace == (count + 1 <= PolicyInputSkimmer.maximumElements), "\(count) elements")
        }
    }
}

/// Presented scopes split on the space byte, drop empty pieces and form a set.
struct PresentedScopesTests {
    @Test(arguments: [
        ("a b", ["a", "b"]), ("  b  a b ", ["a", "b"]), ("", []), ("   ", []), ("x", ["x"]),
        ("a\tb", ["a\tb"]), ("é ü", ["é", "ü"]),
    ])
    func piecesFormASet(scope: String, expected: [String]) {
        let scopes = PresentedScopes(RegoValue.string(scope))
        #expect(scopes.elements == expected)
        #expect(scopes.isEmpty == expected.isEmpty)
        var seen: [String] = []
        #expect(scopes.allSatisfy { seen.append(String(decoding: $0, as: UTF8.self)); return true })
        #expect(Set(seen) == Set(expected))
    }

    @Test func onlyAStringPresentsScopes() {
        for value: RegoValue? in [nil, .null, .array([.string("a")]), .int(1)] {
            #expect(PresentedScopes(value).isEmpty)
            #expect(PresentedScopes(value).elements.isEmpty)
        }
    }
}
