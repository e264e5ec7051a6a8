import Foundation
import Testing
import TestSupport
@testable import Manifest

/// Pins the exact text of the diagnostics users see, with source lines and carets.
struct DiagnosticsGoldenTests {
    static let fixtures = Golden.fixture("diagnostics")

    /// Loads every fixture manifest in one run, as `validate -f diagnostics` would.
    static func load() throws -> ManifestLoadResult {
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        let loader = ManifestLoader(
            scope: VariableScope(environment: ["HOME": "/root"], variables: ["crm_secret": "s3cr3t-value-from-var"]),
            workingDirectory: fixtures.deletingLastPathComponent().path)
        return loader.load(files: names.map { "diagnostics/\($0)" })
    }

    @Test func textDiagnosticsMatchGolden() throws {
        let result = try Self.load()
        Golden.expect(DiagnosticRenderer(sources: result.sources).text(result.diagnostics), matches: "diagnostics.txt")
    }

    @Test func jsonDiagnosticsMatchGolden() throws {
        let result = try Self.load()
        let subset = result.diagnostics.filter { $0.location?.file.hasSuffix("g-variables.yaml") ?? false }
        Golden.expect(DiagnosticRenderer.json(subset), matches: "diagnostics.json")
    }

    @Test func atLeastTwentyFiveDistinctDiagnosticsArePinned() throws {
        let result = try Self.load()
        let distinct = Set(result.diagnostics.map(\.message))
        #expect(distinct.count >= 25)
        #expect(result.diagnostics.allSatisfy { $0.location != nil })
        #expect(result.diagnostics == result.diagnostics.sorted())
    }

    @Test func literalSecretsNeverReachTheOutput() throws {
        let result = try Self.load()
        let text = DiagnosticRenderer(sources: result.sources).text(result.diagnostics) + DiagnosticRenderer.json(result.diagnostics)
        #expect(!text.contains("sk-live-abcdef123456"))
        #expect(!text.contains("s3cr3t-value-from-var"))
    }
}
