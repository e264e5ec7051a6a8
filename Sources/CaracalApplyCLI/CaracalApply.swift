/// Facts about the tool itself.
public enum CaracalApply {
    /// The version `--version` prints.
    public static let version = "0.1.0"
}
