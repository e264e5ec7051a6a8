/// One option a command accepts: its spellings, whether it takes a value, and its help line.
///
/// Help text and usage lines are generated from these declarations.
public struct OptionDeclaration: Sendable, Hashable {
    /// Whether the option is a flag or takes a value.
    public enum Kind: Sendable, Hashable {
        /// Present or absent, no value (`--no-color`).
        case flag
        /// Takes one value per occurrence (`--file PATH` or `--file=PATH`); `placeholder` names it in help.
        case value(placeholder: String)
    }

    /// The long name without its dashes (`file` for `--file`); the key parsed values are stored under.
    public let long: String
    /// The one-letter alias without its dash (`f` for `-f`), if any.
    public let short: Character?
    /// Flag or value.
    public let kind: Kind
    /// Whether the option may be given more than once (its values accumulate in order).
    public let isRepeatable: Bool
    /// One sentence for the help listing.
    public let help: String

    /// Declares an option from its parts.
    public init(long: String, short: Character? = nil, kind: Kind, isRepeatable: Bool = false, help: String) {
        self.long = long
        self.short = short
        self.kind = kind
        self.isRepeatable = isRepeatable
        self.help = help
    }

    /// Declares a flag such as `--auto-approve`.
    public static func flag(_ long: String, short: Character? = nil, help: String) -> OptionDeclaration {
        OptionDeclaration(long: long, short: short, kind: .flag, help: help)
    }

    /// Declares an option that takes a value, such as `--out FILE`.
    public static func value(
        _ long: String, short: Character? = nil, placeholder: String, repeatable: Bool = false, help: String
    ) -> OptionDeclaration {
        OptionDeclaration(long: long, short: short, kind: .value(placeholder: placeholder), isRepeatable: repeatable, help: help)
    }

    /// The option's value placeholder, or `nil` for a flag.
    public var placeholder: String? {
        if case .value(let placeholder) = kind { return placeholder }
        return nil
    }

    /// The preferred spelling in usage lines: `-f` when there is a short alias, else `--file`.
    var preferredSpelling: String { short.map { "-\($0)" } ?? "--\(long)" }

    /// The fragment of a usage line: `[-f PATH]...`, `[--no-color]`.
    var usageFragment: String {
        let inner = [preferredSpelling, placeholder].compactMap { $0 }.joined(separator: " ")
        return "[\(inner)]" + (isRepeatable ? "..." : "")
    }

    /// The left column of the help listing: `-f, --file PATH`.
    var helpLabel: String {
        let names = [short.map { "-\($0)" }, "--\(long)"].compactMap { $0 }.joined(separator: ", ")
        return [names, placeholder].compactMap { $0 }.joined(separator: " ")
    }

    /// The option as the user spelt it, with its placeholder, for "missing value" messages.
    func spelling(_ used: String) -> String {
        [used, placeholder].compactMap { $0 }.joined(separator: " ")
    }

    /// The built-in `-h/--help` flag every command accepts.
    static let help = OptionDeclaration.flag("help", short: "h", help: "Show help information.")
}
