/// What `validate` hands to its validator: the resolved inputs and the chosen output format.
public struct ValidationRequest: Sendable, Hashable {
    /// The manifest files, sorted, as `ManifestPaths` resolved them.
    public let files: [ManifestFile]
    /// The `--var` assignments, in command-line order.
    public let variables: [VariableAssignment]
    /// The `--var-file` files (each checked to exist), in command-line order.
    public let variableFiles: [ManifestFile]
    /// The output format (`text` or `json`).
    public let format: OutputFormat

    /// Creates a request.
    public init(files: [ManifestFile], variables: [VariableAssignment], variableFiles: [ManifestFile], format: OutputFormat) {
        self.files = files
        self.variables = variables
        self.variableFiles = variableFiles
        self.format = format
    }
}
