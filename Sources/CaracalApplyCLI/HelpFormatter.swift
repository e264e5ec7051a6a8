import Manifest
/// Generates help and usage text from the command list and the commands' declarations.
public struct HelpFormatter: Sendable {
    /// The tool's name as typed.
    public static let toolName = "caracal-apply"
    /// Help lines wrap at this column.
    static let width = 80
    /// Help listings put descriptions at this column (longer labels push the description to the next line).
    static let labelColumn = 26

    /// The commands, in listing order.
    public let commands: [any Command]

    /// A formatter for these commands.
    public init(commands: [any Command]) { self.commands = commands }

    /// The command called `name`, if there is one.
    public func command(named name: String) -> (any Command)? {
        commands.first { $0.name == name }
    }

    /// The closest command name to a mistyped `name`, if any is close.
    public func suggestion(forCommand name: String) -> String? {
        Suggestion.closest(to: name, in: commands.map(\.name))
    }

    /// The options `caracal-apply` takes before any command.
    static let topLevelOptions: [OptionDeclaration] = [
        .flag("version", help: "Show the version."),
        .help,
    ]

    /// The usage line of the bare tool, after `caracal-apply`.
    public static let topLevelUsage = "<command> [options]"

    /// `caracal-apply --help`.
    public var topLevelHelp: String {
        var lines = [
            "OVERVIEW: Configuration as code for Caracal: keep zones, applications,",
            "providers, resources and policies in YAML, review the plan, apply it.",
            "",
            "USAGE: \(Self.toolName) \(Self.topLevelUsage)",
            "",
            "OPTIONS:",
        ]
        lines += Self.topLevelOptions.flatMap { Self.listing(label: $0.helpLabel, help: $0.help) }
        lines += ["", "COMMANDS:"]
        lines += commands.flatMap { Self.listing(label: $0.name, help: $0.abstract) }
        lines += ["", "ENVIRONMENT:"]
        lines += Self.listing(label: "CARACAL_API_URL", help: "The Admin API URL used when --runtime is not given.")
        lines += Self.listing(label: "CARACAL_ADMIN_TOKEN", help: "The Admin API token (there is no option for it).")
        lines += Self.listing(label: "NO_COLOR", help: "Set to anything to turn colour off.")
        lines += ["", "EXIT STATUS:"]
        lines += [
            ("0", "success, no changes"),
            ("1", "operational failure"),
            ("2", "changes present (plan --detailed-exitcode, drift)"),
            ("3", "policy tests failed"),
            ("64", "usage error"),
            ("65", "invalid manifests"),
            ("66", "missing input file"),
        ].flatMap { Self.listing(label: $0.0, help: $0.1) }
        lines += ["", "See '\(Self.toolName) help <command>' for detailed help."]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `caracal-apply COMMAND --help`.
    public func help(for command: any Command) -> String {
        var lines = ["OVERVIEW: \(command.abstract)"]
        if !command.discussion.isEmpty {
            lines += [""] + command.discussion.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        lines += [""] + Self.wrapUsage(command.usageFragments)
        if !command.arguments.isEmpty {
            lines += ["", "ARGUMENTS:"]
            lines += command.arguments.flatMap { Self.listing(label: $0.name, help: $0.help) }
        }
        lines += ["", "OPTIONS:"]
        lines += command.allOptions.flatMap { Self.listing(label: $0.helpLabel, help: $0.help) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The three lines of a usage error: `Error: …`, `Usage: …`, `See '… --help' …`.
    ///
    /// - Parameters:
    ///   - error: The mistake.
    ///   - command: The command it was made in, or `nil` for the top level.
    ///   - color: Colours `Error:` when standard error allows it.
    public func usageError(_ error: UsageError, command: (any Command)?, color: Colorizer = .plain) -> String {
        let usage = command?.usage ?? Self.topLevelUsage
        let helpCommand = command.map { "\(Self.toolName) \($0.name) --help" } ?? "\(Self.toolName) --help"
        return """
        \(color.apply(.bold, .red, to: "Error:")) \(error.message)
        Usage: \(Self.toolName) \(usage)
        See '\(helpCommand)' for more information.

        """
    }

    /// One entry of a help listing: the label indented by two, the help wrapped in a column.
    static func listing(label: String, help: String) -> [String] {
        let indent = String(repeating: " ", count: labelColumn)
        let wrapped = wrap(help, width: width - labelColumn)
        let head = "  " + label
        var lines: [String] = []
        var rest = wrapped[...]
        if head.count < labelColumn - 1, let first = rest.first {
            lines.append(head + String(repeating: " ", count: labelColumn - head.count) + first)
            rest = rest.dropFirst()
        } else {
            lines.append(head)
        }
        lines += rest.map { indent + $0 }
        return lines
    }

    /// `USAGE: caracal-apply …` wrapped at the help width, continuation lines aligned after the tool name.
    static func wrapUsage(_ fragments: [String]) -> [String] {
        let prefix = "USAGE: \(toolName) "
        let indent = String(repeating: " ", count: prefix.count)
        var lines: [String] = []
        var current = prefix
        for fragment in fragments {
            if current == prefix || current == indent || current.count + fragment.count < width {
                current += (current == prefix || current == indent ? "" : " ") + fragment
            } else {
                lines.append(current)
                current = indent + fragment
            }
        }
        lines.append(current)
        return lines
    }

    /// Splits `text` into lines of at most `width` characters at spaces (a longer word gets its own line).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
