/// A positional argument a command accepts, such as `PLANFILE` or `COMMAND`.
public struct ArgumentDeclaration: Sendable, Hashable {
    /// The name shown in usage and help (`PLANFILE`).
    public let name: String
    /// Whether the argument may be left out.
    public let isOptional: Bool
    /// Whether the argument takes every remaining positional (only the last one may).
    public let isRepeating: Bool
    /// One sentence for the help listing.
    public let help: String

    /// Declares a positional argument.
    public init(_ name: String, optional: Bool = false, repeating: Bool = false, help: String) {
        self.name = name
        self.isOptional = optional
        self.isRepeating = repeating
        self.help = help
    }

    /// The fragment of a usage line: `PLANFILE`, `[COMMAND]`, `[FILE]...`.
    var usageFragment: String {
        (isOptional ? "[\(name)]" : name) + (isRepeating ? "..." : "")
    }
}
