/// An output format selected with `--format`. Each command declares which ones it accepts.
public enum OutputFormat: String, Sendable, Hashable, CaseIterable {
    /// Human-readable text (the default everywhere).
    case text
    /// Versioned JSON for scripts and alerting.
    case json
    /// Markdown, for a pull-request comment or an issue.
    case markdown
    /// JUnit XML, for CI systems (`test`).
    case junit
}
