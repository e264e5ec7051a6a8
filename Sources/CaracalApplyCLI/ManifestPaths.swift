import Foundation

/// Turns `-f` paths into the sorted list of manifest files to read.
///
/// A file is taken as is, whatever its extension. A directory contributes every `*.yaml` and
/// `*.yml` file below it, skipping hidden entries (names starting with `.`, so `.git/` and editor
/// lock files are never read). Symbolic links are followed, each directory read once. Without
/// paths, `./caracal/` is read. The result is sorted by path and has no duplicates.
public enum ManifestPaths {
    /// The directory read when no `-f` is given.
    public static let defaultDirectory = "caracal"

    /// Resolves `paths` against `currentDirectory`.
    ///
    /// - Throws: `ManifestPathError` when a path is missing, a directory cannot be read,
    ///   or no manifest file is found at all.
    public static func resolve(_ paths: [String], currentDirectory: String) throws(ManifestPathError) -> [ManifestFile] {
        let fileManager = FileManager.default
        var found: [String: ManifestFile] = [:]  // keyed by the resolved absolute path
        var visited: Set<String> = []

        func add(display: String, absolutePath: String) {
            let url = URL(fileURLWithPath: absolutePath).standardizedFileURL
            let key = url.resolvingSymlinksInPath().path
            if found[key] == nil { found[key] = ManifestFile(path: display, url: url) }
        }
        func collect(directory: String, display: String) throws(ManifestPathError) {
            guard visited.insert(URL(fileURLWithPath: directory).resolvingSymlinksInPath().path).inserted else { return }
            let names: [String]
            do {
                names = try fileManager.contentsOfDirectory(atPath: directory)
            } catch {
                throw .unreadable(path: display, reason: (error as NSError).localizedDescription)
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let childPath = join(directory, name)
                let childDisplay = join(display, name)
                var isDirectory: ObjCBool = false
                // A dangling symbolic link is skipped like any other non-manifest entry.
                guard fileManager.fileExists(atPath: childPath, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    try collect(directory: childPath, display: childDisplay)
                } else if isManifestName(name) {
                    add(display: childDisplay, absolutePath: childPath)
                }
            }
        }

        let requested = paths.isEmpty ? [defaultDirectory] : paths
        for path in requested {
            var isDirectory: ObjCBool = false
            guard !path.isEmpty, fileManager.fileExists(atPath: absolute(path, in: currentDirectory), isDirectory: &isDirectory) else {
                throw paths.isEmpty ? .defaultDirectoryMissing : .missing(path: path)
            }
            if isDirectory.boolValue {
                try collect(directory: absolute(path, in: currentDirectory), display: path)
            } else {
                add(display: path, absolutePath: absolute(path, in: currentDirectory))
            }
        }
        guard !found.isEmpty else { throw .noManifests(paths: requested) }
        return found.values.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// Whether a file name ends in `.yaml` or `.yml` (any case).
    static func isManifestName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml")
    }

    /// `base/name` without doubling a trailing slash.
    /// `path` made absolute against `currentDirectory` when it is relative.
    static func absolute(_ path: String, in currentDirectory: String) -> String {
        path.hasPrefix("/") ? path : join(currentDirectory, path)
    }

    static func join(_ base: String, _ name: String) -> String {
        base.hasSuffix("/") ? base + name : base + "/" + name
    }
}
