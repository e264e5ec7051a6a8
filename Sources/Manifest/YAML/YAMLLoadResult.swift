/// What ``YAMLLoader`` read from one file: the documents it could build and every problem found.
///
/// A document that hit a limit or an undefined alias is left out; documents completed before a
/// syntax error are kept.
public struct YAMLLoadResult: Sendable {
    /// The documents of the stream, in source order.
    public var documents: [YAMLDocument]
    /// Every problem found, in the order it was found.
    public var diagnostics: [Diagnostic]

    /// A result with these documents and diagnostics.
    public init(documents: [YAMLDocument], diagnostics: [Diagnostic]) {
        self.documents = documents
        self.diagnostics = diagnostics
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool {
        diagnostics.contains { $0.severity == .error }
    }
}
