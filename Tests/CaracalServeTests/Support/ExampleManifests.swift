import Foundation
import Manifest

/// The repository's examples, loaded as the command line would load them.
enum ExampleManifests {
    static let environment = [
        "PIPERNET_API_KEY": "serve-test-pipernet",
        "INITECH_CRM_CLIENT_SECRET": "serve-test-initech",
        "GLOBEX_CRM_CLIENT_SECRET": "serve-test-globex",
        "ACME_CRM_CLIENT_SECRET": "serve-test-acme",
        "STATUS_PAGE_TOKEN": "serve-test-status",
    ]

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The quickstart and the multi-customer example together: five zones.
    static func all() throws -> DesiredState {
        try load(["examples/quickstart/caracal", "examples/multi-customer/caracal"])
    }

    static func load(_ folders: [String]) throws -> DesiredState {
        var files: [String] = []
        for folder in folders {
            let root = repositoryRoot.appendingPathComponent(folder).path
            let enumerator = FileManager.default.enumerator(atPath: root)
            while let relative = enumerator?.nextObject() as? String {
                if relative.hasSuffix(".yaml") { files.append(root + "/" + relative) }
            }
        }
        let loaded = ManifestLoader(scope: VariableScope(environment: environment)).load(files: files.sorted())
        if let error = loaded.diagnostics.first(where: { $0.severity == .error }) {
            throw FixtureError(message: "the examples do not load: \(error)")
        }
        return loaded.desired
    }
}
