/// What loading a set of manifest files produced.
public struct ManifestLoadResult: Sendable {
    /// The objects that decoded without errors.
    public var desired: DesiredState
    /// Every problem, sorted by file and position.
    public var diagnostics: [Diagnostic]
    /// The text of every file read, by the path diagnostics use, for printing source lines.
    public var sources: [String: String]
    /// The files read, in order.
    public var files: [String]

    public init(desired: DesiredState, diagnostics: [Diagnostic], sources: [String: String], files: [String]) {
        self.desired = desired
        self.diagnostics = diagnostics
        self.sources = sources
        self.files = files
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
}
