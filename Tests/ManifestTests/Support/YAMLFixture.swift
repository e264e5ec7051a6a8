import Foundation

/// Reads files from `Tests/ManifestTests/Fixtures`, which is copied into the test bundle.
enum YAMLFixture {
    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "No fixture at Fixtures/\(path)." }
    }

    /// The bytes of `Fixtures/<path>`.
    static func bytes(_ path: String) throws -> [UInt8] {
        guard let root = Bundle.module.resourceURL?.appendingPathComponent("Fixtures") else {
            throw Missing(path: path)
        }
        let url = root.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw Missing(path: path) }
        return [UInt8](data)
    }

    /// The paths, relative to `Fixtures`, of the files in `Fixtures/<folder>`, sorted.
    static func files(in folder: String) throws -> [String] {
        guard let root = Bundle.module.resourceURL?.appendingPathComponent("Fixtures") else {
            throw Missing(path: folder)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(folder)/\($0)" }
    }
}
