/// Why the `-f` paths could not be turned into manifest files. Each is a missing-input error (exit 66).
public enum ManifestPathError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A `-f` path does not exist.
    case missing(path: String)
    /// No `-f` was given and `./caracal/` does not exist.
    case defaultDirectoryMissing
    /// The paths exist but hold no `*.yaml`/`*.yml` file.
    case noManifests(paths: [String])
    /// A directory could not be listed.
    case unreadable(path: String, reason: String)

    /// A sentence for `Error: …`.
    public var description: String {
        switch self {
        case .missing(let path):
            "No such file or directory: '\(path)'."
        case .defaultDirectoryMissing:
            "No manifests: the directory './\(ManifestPaths.defaultDirectory)/' does not exist. Create it, or name files or directories with -f PATH."
        case .noManifests(let paths):
            "No *.yaml or *.yml files in \(paths.map { "'\($0)'" }.joined(separator: ", "))."
        case .unreadable(let path, let reason):
            "Cannot read the directory '\(path)': \(reason)"
        }
    }
}
