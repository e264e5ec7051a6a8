import Manifest

/// The embedded runtime's namespace until its store lands.
public enum EmbeddedRuntime {
    /// The schema version of policy inputs and data documents this runtime evaluates.
    public static let schemaVersion = "2026-05-20"
}
