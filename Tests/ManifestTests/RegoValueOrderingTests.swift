import Testing
@testable import Manifest

struct RegoValueOrderingTests {
    @Test func typesOrderAsRegoDoes() {
        let ascending: [RegoValue] = [
            .null, .bool(false), .bool(true), .int(-1), .int(2), .string(""), .string("a"),
            .array([]), .array([.int(1)]), .object([:]), .object(["a": .int(1)]), .set(RegoSet([])), .set(RegoSet([.int(1)])),
        ]
        for (index, value) in ascending.enumerated() {
            for later in ascending[(index + 1)...] {
                #expect(value < later, "\(value) should order before \(later)")
                #expect(!(later < value))
            }
        }
    }

    @Test func stringsCompareByUTF8Bytes() {
        // "Z" (0x5A) < "a" (0x61) < "é" (0xC3 0xA9)
        #expect(RegoValue.string("Z") < .string("a"))
        #expect(RegoValue.string("a") < .string("é"))
        #expect(RegoValue.string("ab") < .string("b"))
    }

    @Test func arraysCompareElementwiseThenByLength() {
        #expect(RegoValue.array([.int(1), .int(9)]) < .array([.int(2)]))
        #expect(RegoValue.array([.int(1)]) < .array([.int(1), .int(0)]))
    }

    @Test func objectsWalkSortedKeysPairwise() {
        // first keys differ: "a" < "b"
        #expect(RegoValue.object(["b": .int(0)]) > .object(["a": .int(9)]))
        // same first key, values decide
        #expect(RegoValue.object(["a": .int(1), "z": .int(9)]) < .object(["a": .int(2)]))
        // one runs out first
        #expect(RegoValue.object(["a": .int(1)]) < .object(["a": .int(1), "b": .int(0)]))
        // key "approver" < "tier": compares approver values first
        let operatorTier = RegoValue.object(["tier": .string("a"), "approver": .string("operator")])
        let anyTier = RegoValue.object(["tier": .string("b"), "approver": .string("any")])
        #expect(anyTier < operatorTier)
    }

    @Test func setsAreSortedAndUnique() {
        let set = RegoSet([.string("b"), .string("a"), .string("b")])
        #expect(set.elements == [.string("a"), .string("b")])
        #expect(set.contains(.string("b")))
        #expect(!set.contains(.string("c")))
    }

    @Test func numbersCompareByValueAndKeepTheirLiteral() throws {
        let written = try #require(RegoNumber(literal: "1800.0"))
        #expect(RegoValue.number(written) == .int(1800))
        #expect(written.literal == "1800.0")
        #expect(written.isWhole)
        #expect(RegoNumber(literal: "01") == nil)
        #expect(RegoNumber(literal: "1.") == nil)
        #expect(RegoNumber(literal: "-0.5e-3")?.value == -0.0005)
    }
}
