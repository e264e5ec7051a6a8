import Foundation
import Testing
@testable import Manifest

struct ManifestLoaderTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples").path

    @Test func quickstartLoadsWithoutProblems() throws {
        let loader = ManifestLoader(scope: VariableScope(environment: ["PIPERNET_API_KEY": "k-123"]), workingDirectory: Self.examples)
        let files = ["zone.yaml", "pipernet.yaml", "policies.yaml"].map { "quickstart/caracal/\($0)" }
        let result = loader.load(files: files)
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.desired.objects.map(\.address.description) == [
            "Zone/quickstart", "Provider/quickstart/pipernet-key", "Application/quickstart/reporter",
            "Resource/quickstart/pipernet", "Policy/quickstart/pipernet-grants", "PolicySet/quickstart/main",
        ])
        let provider = try #require(result.desired.object(at: ObjectAddress(kind: .provider, zone: "quickstart", name: "pipernet-key")))
        guard case .provider(let spec) = provider.spec else { Issue.record("not a provider"); return }
        #expect(spec.identifier == "provider://pipernet-key")
        #expect(spec.config == ["header_name": .string("X-Api-Key"), "auth_location": .string("header")])
        #expect(spec.secrets["api_key"]?.revealedValue == "k-123")
        #expect(spec.secrets["api_key"]?.reference == "${env:PIPERNET_API_KEY}")
    }
}
