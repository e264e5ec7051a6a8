import Manifest
import Testing

/// The fixtures' JSON reader must not blur the distinctions the contract depends on.
struct TestJSONTests {
    @Test func keepsBooleansApartFromNumbers() throws {
        #expect(try TestJSON.parse("[true, 1, false, 0]") == .array([.bool(true), .int(1), .bool(false), .int(0)]))
    }

    @Test func keepsNumberLiterals() throws {
        guard case .number(let number) = try TestJSON.parse("1800.0") else {
            Issue.record("not a number")
            return
        }
        #expect(number.literal == "1800.0")
        #expect(number == RegoNumber(1800))
    }

    @Test func readsTaggedSets() throws {
        #expect(try TestJSON.parse(#"{"$set": ["b", "a", "b"]}"#) == .set(RegoSet([.string("a"), .string("b")])))
        #expect(try TestJSON.parse(#"{"$set": ["a"], "other": 1}"#)["other"] == .int(1))
    }

    @Test func readsEscapesAndRejectsGarbage() throws {
        #expect(try TestJSON.parse(#""a\"\u00e9\n""#) == .string("a\"é\n"))
        #expect(throws: (any Error).self) { try TestJSON.parse("[1,]") }
        #expect(throws: (any Error).self) { try TestJSON.parse(#"{"a": 1} x"#) }
    }
}
