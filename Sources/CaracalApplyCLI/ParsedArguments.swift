/// A command line after parsing: option values by long name, flags, and positional arguments.
public struct ParsedArguments: Sendable, Equatable {
    /// Every value given for each value option, in command-line order, keyed by long name.
    public var values: [String: [String]] = [:]
    /// The long names of the flags that were given.
    public var flags: Set<String> = []
    /// The positional arguments, in order (including everything after `--`).
    public var positionals: [String] = []

    /// Creates an empty result.
    public init(values: [String: [String]] = [:], flags: Set<String> = [], positionals: [String] = []) {
        self.values = values
        self.flags = flags
        self.positionals = positionals
    }

    /// The last value given for `option` (a repeated single-value option keeps the last, as swift-argument-parser does).
    public func value(_ option: String) -> String? { values[option]?.last }

    /// All values given for a repeatable `option`, in order.
    public func values(_ option: String) -> [String] { values[option] ?? [] }

    /// Whether the flag `option` was given.
    public func flag(_ option: String) -> Bool { flags.contains(option) }
}
