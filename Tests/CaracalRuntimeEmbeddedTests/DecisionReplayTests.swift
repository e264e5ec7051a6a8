import Manifest
import Synchronization
import TestSupport
import Testing
@testable import CaracalRuntimeEmbedded

/// A replay decides every line exactly as `decide(_:)` decides what `JSONReader` reads from it,
/// and refuses every line `JSONReader` refuses, with the same error.
struct DecisionReplayTests {

    /// What the plain path gives for one line: the compact result, or the syntax error.
    static func reference(_ engine: DecisionEngine, _ line: [UInt8]) -> Result<String, JSONSyntaxError> {
        do {
            return .success(JSONWriter.compact(engine.decide(try JSONReader.value(from: line)).resultValue))
        } catch {
            return .failure(error)
        }
    }

    static func render(_ decision: Decision) -> [UInt8] {
        Array(JSONWriter.compact(decision.resultValue).utf8)
    }

    /// What a replay writes, piece by piece, and where it stopped.
    struct Output {
        var pieces: [[UInt8]]
        var failure: DecisionReplay.LineFailure?
    }

    static func replay(_ text: [UInt8], _ engine: DecisionEngine, threads: Int = 1, pieceBytes: Int = 1 << 18) -> Output {
        let pieces = Mutex<[[UInt8]]>([])
        let failure = text.withUnsafeBytes { text in
            DecisionReplay(engine: engine, threads: threads, pieceBytes: pieceBytes).run(text, render: render) { bytes in
                pieces.withLock { $0.append(Array(bytes)) }
            }
        }
        return Output(pieces: pieces.withLock { $0 }, failure: failure)
    }

    static func joined(_ output: Output) -> String {
        String(decoding: output.pieces.joined(), as: UTF8.self)
    }

    /// Skims `line`; when the skimmer takes the text, `JSONReader` must take it too, and when it
    /// reads the fields in place, they must be those of `JSONReader`'s value.
    static func skims(_ line: [UInt8], _ skimmer: inout PolicyInputSkimmer) -> Bool {
        guard line.withUnsafeBufferPointer({ skimmer.read($0) }) else { return false }
        let text = String(decoding: line, as: UTF8.self)
        guard let value = try? JSONReader.value(from: line) else {
            Issue.record("the skimmer took text JSONReader refuses: \(text)")
            return true
        }
        let expected = PolicyInput(value)
        guard let fields = line.withUnsafeBufferPointer({ _ in skimmer.fields()?.regoValues }) else {
            // Only fields of another shape than strings and arrays of strings, or too many
            // elements, are left to the general path.
            let values = [expected.principalID, expected.labels, expected.resourceID, expected.edgeScopes, expected.req,
                          expected.claims.scope, expected.claims.edgeID, expected.claims.target].compactMap { $0 }
            let elements = values.reduce(0) { $0 + $1.elementsInIterationOrder.count }
            #expect(values.contains { !$0.isStringOrStrings } || elements > PolicyInputSkimmer.maximumElements,
                    "the skimmer left plain fields for \(text)")
            return true
        }
        #expect(fields == expected, "fields differ for \(text)")
        return true
    }

    @Test func everyContractCaseIsSkimmedAndDecidedAlike() throws {
        var skimmer = PolicyInputSkimmer()
        for row in try ContractCase.all() {
            let engine = DecisionEngine(bundle: row.bundle)
            let line = Array(JSONWriter.compact(row.input).utf8)
            #expect(Self.skims(line, &skimmer), "\(row.name): the skimmer gave up")
            #expect(Self.joined(Self.replay(line, engine)) == (try Self.reference(engine, line).get()) + "\n", "\(row.name)")
        }
    }

    @Test(arguments: 0..<DecisionPropertyTests.bundles.count)
    func generatedTextIsDecidedOrRefusedAsJSONReaderReadsIt(bundleIndex: Int) {
        let engine = DecisionEngine(bundle: DecisionPropertyTests.bundles[bundleIndex])
        var writer = PolicyInputText(generator: SplitMix64(seed: UInt64(bundleIndex) &+ 7))
        var inputs = SplitMix64(seed: UInt64(bundleIndex) &+ 99)
        var skimmer = PolicyInputSkimmer()
        var skimmed = 0
        var readable: [(line: [UInt8], answer: String)] = []
        for _ in 0..<1000 {
            let line = writer.text(DecisionPropertyTests.randomInput(&inputs))
            if Self.skims(line, &skimmer) { skimmed += 1 }
            let replayed = Self.replay(line, engine)
            let text = String(decoding: line, as: UTF8.self)
            switch Self.reference(engine, line) {
            case .success(let answer):
                #expect(replayed.failure == nil && Self.joined(replayed) == answer + "\n", "\(text)")
                readable.append((line, answer))
            case .failure(let error):
                #expect(replayed.failure?.line == 1 && replayed.failure?.error == error, "\(text)")
                #expect(Self.joined(replayed).isEmpty)
            }
        }
        // Both paths are exercised: the fast path takes the plain lines, JSONReader the rest.
        #expect(skimmed > 300 && skimmed < 900, "skimmed \(skimmed) of 1000")

        // All in one text, each line twice: every line gets its own answer, in order.
        var text: [UInt8] = []
        for (line, _) in readable { text += line + [0x0A] + line + [0x0A] }
        let whole = Self.replay(text, engine)
        #expect(whole.failure == nil)
        #expect(Self.joined(whole) == readable.map { $0.answer + "\n" + $0.answer + "\n" }.joined())
    }

    @Test func chunksKeepTheOrderAndNumberLinesAcrossTheWholeText() throws {
        let engine = DecisionEngine(bundle: DecisionPropertyTests.bundles[2])
        var inputs = SplitMix64(seed: 5)
        var lines: [[UInt8]] = []
        var size = 0
        while size < 2 << 20 {
            lines.append(Array(JSONWriter.compact(DecisionPropertyTests.randomInput(&inputs)).utf8))
            size += lines.last!.count + 1
        }
        let answers = try lines.map { try Self.reference(engine, $0).get() + "\n" }
        // Pieces of 64 KB: some thirty, written in turn by four workers.
        let whole = Self.replay(Array(lines.map { $0 + [0x0A] }.joined()), engine, threads: 4, pieceBytes: 1 << 16)
        #expect(whole.pieces.count > 20)
        #expect(whole.failure == nil)
        #expect(Self.joined(whole) == answers.joined())

        // A blank line early and a broken line late: the error names the line in the whole text.
        var broken = lines
        let bad = lines.count * 3 / 4
        broken[10] = Array(" \t".utf8)
        broken[bad] = Array("{\"principal\": tru}".utf8)
        let failed = Self.replay(Array(broken.map { $0 + [0x0A] }.joined()), engine, threads: 4, pieceBytes: 1 << 16)
        let expected = JSONSyntaxError(message: "Invalid literal; expected 'true'.", line: 1, column: 15, offset: 14)
        #expect(failed.failure?.line == bad + 1)
        #expect(failed.failure?.error == expected)
        #expect(Self.joined(failed) == answers[..<bad].enumerated().filter { $0.offset != 10 }.map(\.element).joined())
    }
}

extension PolicyInput where Value == SkimmedValue {
    /// The fields as values, to compare with what the general path reads.
    var regoValues: PolicyInput<RegoValue> {
        var input = PolicyInput<RegoValue>()
        input.principalID = principalID?.regoValue
        input.labels = labels?.regoValue
        input.resourceID = resourceID?.regoValue
        input.edgeScopes = edgeScopes?.regoValue
        input.req = req?.regoValue
        input.claims = .init(scope: claims.scope?.regoValue, edgeID: claims.edgeID?.regoValue, target: claims.target?.regoValue)
        (input.isWorkloadPrincipal, input.isInjection) = (isWorkloadPrincipal, isInjection)
        (input.edgeSet, input.edgeIDSet, input.claimsSet, input.sessionSet) = (edgeSet, edgeIDSet, claimsSet, sessionSet)
        return input
    }
}

extension RegoValue {
    /// Whether this is a string or an array of strings: the shapes the skimmer reads in place.
    var isStringOrStrings: Bool {
        switch self {
        case .string: return true
        case .array(let elements): return elements.allSatisfy { $0.stringValue != nil }
        default: return false
        }
    }
}
