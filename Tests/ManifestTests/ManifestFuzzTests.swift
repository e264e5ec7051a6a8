import Testing
@testable import Manifest

/// Drives mutated manifests through the whole pipeline: YAML loading, decoding, variables,
/// Rego checks and cross-object validation.
struct ManifestFuzzTests {
    private static let file = "caracal/fuzz.yaml"

    @Test func validationSurvivesTenThousandMutatedManifests() throws {
        let limits = YAMLLoader.Limits(maxScalarBytes: 64 * 1024)
        let seeds = try YAMLFixture.files(in: "fuzz-seeds").map { try YAMLFixture.bytes($0) }
        var mutator = ManifestMutator(seeds: seeds, seed: 0x5EED_F00D)
        mutator.hugeScalarBytes = limits.maxScalarBytes + 16
        let loader = ManifestLoader(scope: VariableScope(environment: ["PIPERNET_API_KEY": "k"]), limits: limits)
        let report = FuzzHarness.run(iterations: 10_000, mutator: mutator, file: Self.file) { bytes in
            loader.load([(file: Self.file, bytes: bytes)]).diagnostics
        }
        #expect(report.inputs == 10_000)
        #expect(report.failures.isEmpty, "\(report)")
        // Mutations reach the manifest layer, not just the YAML parser.
        for code in ["yaml_syntax", "unknown_field", "wrong_type", "missing_field"] {
            #expect(report.codes[code, default: 0] > 0, "no input produced \(code)")
        }
        #expect(report.cleanInputs > 100)
    }
}
