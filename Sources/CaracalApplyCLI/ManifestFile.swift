import Foundation

/// One manifest file to read: the path to show in messages, and where it is.
public struct ManifestFile: Sendable, Hashable {
    /// The path as the user would write it (`caracal/prod.yaml`), used in diagnostics.
    public let path: String
    /// The file's location, absolute.
    public let url: URL

    /// Creates a manifest file entry.
    public init(path: String, url: URL) {
        self.path = path
        self.url = url
    }
}
