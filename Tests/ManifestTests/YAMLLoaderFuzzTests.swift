import TestSupport
import Testing
@testable import Manifest

struct YAMLLoaderFuzzTests {
    private static let file = "caracal/fuzz.yaml"

    private func seeds() throws -> [[UInt8]] {
        try YAMLFixture.files(in: "fuzz-seeds").map { try YAMLFixture.bytes($0) }
    }

    @Test func seedsAreValidManifestStreams() throws {
        let paths = try YAMLFixture.files(in: "fuzz-seeds")
        #expect(paths.count == 4)
        var kinds: Set<String> = []
        for path in paths {
            let result = YAMLLoader.load(try YAMLFixture.bytes(path), file: path)
            #expect(result.diagnostics.isEmpty, "\(path): \(result.diagnostics)")
            #expect(result.documents.count >= 4, "\(path) should hold several documents")
            for document in result.documents {
                kinds.insert(document.root?.child("kind")?.text ?? "")
            }
        }
        #expect(kinds == ["Zone", "Application", "Provider", "Resource", "Policy", "PolicySet"])
    }

    @Test func loaderSurvivesTenThousandMutatedManifests() throws {
        // A 64 KiB scalar limit exercises the same guard as the default 1 MiB one at a
        // sixteenth of the cost, which keeps this test quick in debug builds.
        let limits = YAMLLoader.Limits(maxScalarBytes: 64 * 1024)
        var mutator = ManifestMutator(seeds: try seeds(), seed: 0xCA7A_CA1)
        mutator.hugeScalarBytes = limits.maxScalarBytes + 16
        let report = FuzzHarness.run(iterations: 10_000, mutator: mutator, file: Self.file) { bytes in
            YAMLLoader.load(bytes, file: Self.file, limits: limits).diagnostics
        }
        #expect(report.inputs == 10_000)
        #expect(report.failures.isEmpty, "\(report)")
        // The mutations reach every guarded path, and plenty of inputs still load.
        for code in ["yaml_syntax", "nesting_too_deep", "alias_expansion_limit", "scalar_too_large", "duplicate_key", "undefined_alias"] {
            #expect(report.codes[code, default: 0] > 0, "no input produced \(code)")
        }
        #expect(report.cleanInputs > 100)
    }

    @Test func harnessRecordsErrorsWithoutAProperLocation() {
        let mutator = ManifestMutator(seeds: [Array("a: 1\n".utf8)], seed: 1)
        let report = FuzzHarness.run(iterations: 3, mutator: mutator, file: "x.yaml") { _ in
            [
                .error("a", "No location.", at: nil),
                .error("b", "Wrong file.", at: SourceLocation(file: "y.yaml", line: 1, column: 1)),
                .error("c", "Column zero.", at: SourceLocation(file: "x.yaml", line: 1, column: 0)),
                .warning("d", "Warnings may be unlocated.", at: nil),
                .error("e", "Fine.", at: SourceLocation(file: "x.yaml", line: 2, column: 3)),
            ]
        }
        #expect(report.failures.count == 9)
        #expect(report.failures.map(\.inputNumber) == [0, 0, 0, 1, 1, 1, 2, 2, 2])
        #expect(report.failures.first?.problem == "error without a location: No location.")
        #expect(report.cleanInputs == 0)
    }

    @Test func harnessRecordsSlowInputs() {
        let mutator = ManifestMutator(seeds: [Array("a: 1\n".utf8)], seed: 1)
        var calls = 0
        let report = FuzzHarness.run(iterations: 2, mutator: mutator, file: "x.yaml", timeLimit: .zero) { _ in
            calls += 1
            return []
        }
        #expect(calls == 2)
        #expect(report.failures.count == 2)
        #expect(report.cleanInputs == 2)
    }

    @Test func mutatorIsDeterministic() throws {
        let seeds = try seeds()
        let first = ManifestMutator(seeds: seeds, seed: 42)
        let again = ManifestMutator(seeds: seeds, seed: 42)
        let other = ManifestMutator(seeds: seeds, seed: 43)
        let inputs = (0..<50).map { first.input(number: $0) }
        #expect(inputs == (0..<50).map { again.input(number: $0) })
        #expect(inputs != (0..<50).map { other.input(number: $0) })
        #expect(first.input(number: 7) == inputs[7])
        #expect(Set(inputs).count > 45)
    }

    @Test func splitMix64MatchesTheReferenceSequence() {
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test(arguments: [
        (ManifestMutator.Mutation.deepBrackets, "nesting_too_deep"),
        (.deepDashes, "nesting_too_deep"),
        (.deepIndentation, "nesting_too_deep"),
        (.hugeScalar, "scalar_too_large"),
        (.aliasBomb, "alias_expansion_limit"),
        (.invalidUTF8, "yaml_syntax"),
    ])
    func eachHostileMutationTripsItsGuard(mutation: ManifestMutator.Mutation, code: String) throws {
        let seed = try YAMLFixture.bytes("fuzz-seeds/01-quickstart.yaml")
        let mutator = ManifestMutator(seeds: [seed], seed: 9)
        var rng = SplitMix64(seed: 5)
        var codes: Set<String> = []
        for _ in 0..<8 {
            let input = mutator.apply(mutation, to: seed, using: &rng)
            codes.formUnion(YAMLLoader.load(input, file: Self.file).diagnostics.map(\.code))
        }
        #expect(codes.contains(code), "\(mutation) gave \(codes.sorted())")
    }
}
