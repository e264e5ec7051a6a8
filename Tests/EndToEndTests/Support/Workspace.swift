import CaracalRuntime
import CaracalRuntimeEmbedded
import Foundation
import Manifest

/// A fresh folder for one test: manifests under `caracal/`, state in `.caracal/`.
struct Workspace {
    let url: URL
    var path: String { url.path }

    init(_ label: String = "workspace") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("caracal-e2e-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The repository root, found from this source file's location.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A workspace holding a copy of `examples/quickstart` (its `caracal/` folder).
    static func quickstart(_ label: String = "quickstart") throws -> Workspace {
        let workspace = try Workspace(label)
        let source = repositoryRoot.appendingPathComponent("examples/quickstart/caracal")
        try FileManager.default.copyItem(at: source, to: workspace.url.appendingPathComponent("caracal"))
        return workspace
    }

    /// The default embedded state folder, `.caracal/`.
    var stateDirectory: String { url.appendingPathComponent(".caracal").path }

    func file(_ relativePath: String) -> URL { url.appendingPathComponent(relativePath) }

    /// Writes `contents` to `relativePath`, creating folders as needed.
    func write(_ relativePath: String, _ contents: String) throws {
        let target = file(relativePath)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: target, atomically: true, encoding: .utf8)
    }

    func read(_ relativePath: String) throws -> String {
        try String(contentsOf: file(relativePath), encoding: .utf8)
    }

    /// Replaces the one occurrence of `old` in `relativePath` with `new`.
    func edit(_ relativePath: String, replacing old: String, with new: String) throws {
        let text = try read(relativePath)
        precondition(text.components(separatedBy: old).count == 2, "'\(old)' must occur exactly once in \(relativePath)")
        try write(relativePath, text.replacingOccurrences(of: old, with: new))
    }

    /// Every regular file below the workspace (hidden folders included), with its bytes.
    func allFiles() throws -> [(path: String, data: Data)] {
        var files: [(String, Data)] = []
        guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        for case let file as URL in enumerator {
            guard try file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files.append((file.path, try Data(contentsOf: file)))
        }
        return files
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Reads and changes an embedded state folder from the test process, as an operator's script
/// or another tool would: "through the runtime, not the manifests".
enum State {
    /// Every active object in a state folder, read without the writer lock.
    struct Snapshot {
        var zones: [LiveObject] = []
        /// Zone slug → kind → the zone's active objects of that kind.
        var objects: [String: [ManifestKind: [LiveObject]]] = [:]

        func objects(_ kind: ManifestKind, in zone: String) -> [LiveObject] {
            objects[zone]?[kind] ?? []
        }

        func object(_ kind: ManifestKind, in zone: String, identity: String) -> LiveObject? {
            objects(kind, in: zone).first { $0.identity == identity }
        }

        /// How many active objects there are, zones included.
        var count: Int { zones.count + objects.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.count } } }
    }

    static func snapshot(_ directory: String) async throws -> Snapshot {
        let runtime = try EmbeddedRuntime.open(directory: directory, options: .init(readOnly: true))
        var result = Snapshot()
        result.zones = try await runtime.list(.zone, zoneID: nil)
        for zone in result.zones {
            var kinds: [ManifestKind: [LiveObject]] = [:]
            for kind in ManifestKind.allCases where kind != .zone {
                kinds[kind] = try await runtime.list(kind, zoneID: zone.id)
            }
            result.objects[zone.identity] = kinds
        }
        try await runtime.close()
        return result
    }

    /// Opens the state for writing (taking its lock), patches the object of `kind` whose
    /// identity is `identity` in zone `zone`, and closes it again.
    static func patch(_ directory: String, _ kind: ManifestKind, zone: String, identity: String, body: [String: RegoValue]) async throws {
        let runtime = try EmbeddedRuntime.open(directory: directory)
        do {
            let zones = try await runtime.list(.zone, zoneID: nil)
            guard let zoneID = zones.first(where: { $0.identity == zone })?.id else { throw CocoaError(.fileNoSuchFile) }
            let objects = try await runtime.list(kind, zoneID: zoneID)
            guard let object = objects.first(where: { $0.identity == identity }) else { throw CocoaError(.fileNoSuchFile) }
            _ = try await runtime.patch(kind, id: object.id, zoneID: zoneID, body: body)
        } catch {
            try? await runtime.close()
            throw error
        }
        try await runtime.close()
    }
}

extension State {
    /// Opens the state for writing, creates an object of `kind` in zone `zone` from an Admin
    /// API body, and closes it again.
    static func create(_ directory: String, _ kind: ManifestKind, zone: String, body: [String: RegoValue]) async throws {
        let runtime = try EmbeddedRuntime.open(directory: directory)
        do {
            let zones = try await runtime.list(.zone, zoneID: nil)
            guard let zoneID = zones.first(where: { $0.identity == zone })?.id else { throw CocoaError(.fileNoSuchFile) }
            _ = try await runtime.create(kind, zoneID: zoneID, body: body)
        } catch {
            try? await runtime.close()
            throw error
        }
        try await runtime.close()
    }
}

/// Parses JSON text into Foundation objects, failing the test with the text when it is not JSON.
func parseJSON(_ text: String) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
        throw CocoaError(.propertyListReadCorrupt)
    }
    return object
}
