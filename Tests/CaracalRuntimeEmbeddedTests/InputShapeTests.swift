import Manifest
import TestSupport
import Testing
@testable import CaracalRuntimeEmbedded

/// A skimmer that knows the shape of earlier lines reads every line of that shape, and every
/// near miss, exactly as a skimmer that knows no shape reads it, and as `JSONReader` does.
struct InputShapeTests {
    /// An input with every field the contract reads, and some it does not.
    static let base: RegoValue = .object([
        "schema_version": .string("2026-05-20"),
        "principal": .object(["id": .string("app-1"), "type": .string("Application"), "labels": .array([.string("reader")]), "zone_id": .string("z")]),
        "resource": .object(["identifier": .string("resource://pipernet"), "scopes": .array([.string("pipernet:read")]), "n": .int(3)]),
        "action": .object(["id": .string("TokenExchange")]),
        "delegation_edge": .object(["id": .string("edge-1"), "scopes": .array([.string("pipernet:read"), .string("pipernet:refund")])]),
        "context": .object([
            "requested_scopes": .array([.string("pipernet:read")]), "agent_session_id": .string("as-1"), "actor_claims": .object([:]),
            "challenge_resolved": .bool(false),
            "subject_claims": .object(["delegation_edge_id": .string("edge-1"), "scope": .string("pipernet:read"), "target": .array([.string("resource://pipernet")])]),
        ]),
        "session": .null,
    ])

    /// The paths whose values are replaced: the contract's, and others.
    static let paths = DecisionPropertyTests.paths + [["session"], ["schema_version"], ["context", "actor_claims"], ["resource", "n"], ["principal"], ["context"]]

    /// Values put in place of another: the property tests' odd values, an object with a field
    /// inside, nested arrays, and numbers.
    static let values = DecisionPropertyTests.oddValues + [
        .object(["requested_scopes": .array([.string("pipernet:read")]), "id": .string("app-1")]),
        .array([.array([.int(1)]), .object(["k": .null])]), .int(-12),
    ]

    static func line(_ value: RegoValue) -> [UInt8] {
        Array(JSONWriter.compact(value).utf8)
    }

    /// Whether `warm` reads `line` as a skimmer that knows no shape does (`skims` checks both
    /// against `JSONReader`).
    static func agree(_ line: [UInt8], warm: inout PolicyInputSkimmer) -> Bool {
        var fresh = PolicyInputSkimmer()
        let freshRead = DecisionReplayTests.skims(line, &fresh)
        let freshFields = freshRead ? line.withUnsafeBufferPointer { _ in fresh.fields()?.regoValues } : nil
        let warmRead = DecisionReplayTests.skims(line, &warm)
        let warmFields = warmRead ? line.withUnsafeBufferPointer { _ in warm.fields()?.regoValues } : nil
        return freshRead == warmRead && freshFields == warmFields
    }

    @Test func everyValueInEverySlotIsReadAsWithoutTheShape() {
        var warm = PolicyInputSkimmer()
        let base = Self.line(Self.base)
        #expect(Self.agree(base, warm: &warm))
        var byShape = 0
        for path in Self.paths {
            for value in Self.values {
                var input = Self.base
                input.set(path[...], to: value)
                let before = warm.linesReadByShape
                #expect(Self.agree(base, warm: &warm))
                #expect(Self.agree(Self.line(input), warm: &warm), "\(path) = \(value.map(JSONWriter.compact) ?? "missing")")
                byShape += warm.linesReadByShape - before
            }
        }
        // The base line each time, and the lines whose change stays within a value.
        #expect(byShape > Self.paths.count * Self.values.count * 3 / 2)
    }

    @Test func aLineOfTheShapeWithAnyByteChangedOrCutIsReadAsWithoutTheShape() {
        var warm = PolicyInputSkimmer()
        let base = Self.line(Self.base)
        #expect(Self.agree(base, warm: &warm))
        for position in base.indices {
            #expect(Self.agree(Array(base[..<position]), warm: &warm), "cut at \(position)")
            for byte in Array(#"" \}],:x1{"#.utf8) + [0x80, 0x00] where byte != base[position] {
                var changed = base
                changed[position] = byte
                #expect(Self.agree(changed, warm: &warm), "\(String(decoding: changed, as: UTF8.self))")
            }
            var inserted = base
            inserted.insert(UInt8(ascii: " "), at: position)
            #expect(Self.agree(inserted, warm: &warm), "space at \(position)")
        }
        #expect(warm.linesReadByShape > base.count)
    }

    @Test func theLastShapesAreKept() {
        var warm = PolicyInputSkimmer()
        // Shapes differ by the name of one extra member.
        func line(shape: Int, id: Int) -> [UInt8] {
            var input = Self.base
            input.set(["extra\(shape)"], to: .int(id))
            input.set(["principal", "id"], to: .string("app-\(id)"))
            return Self.line(input)
        }
        let kept = PolicyInputSkimmer.maximumShapes
        for id in 0..<3 {
            for shape in 0..<kept { #expect(Self.agree(line(shape: shape, id: id), warm: &warm)) }
        }
        #expect(warm.linesReadByShape == kept * 2)
        // One shape more replaces one, so that a round of them all misses at least one.
        for shape in 0...kept { #expect(Self.agree(line(shape: shape, id: 9), warm: &warm)) }
        let before = warm.linesReadByShape
        for shape in 0...kept { #expect(Self.agree(line(shape: shape, id: 10), warm: &warm)) }
        #expect(warm.linesReadByShape - before < kept + 1)
    }
}
