import Manifest
/// Parses one command's arguments against its option and argument declarations.
///
/// Follows swift-argument-parser's conventions: `--opt value` and `--opt=value`, short aliases
/// (`-f value`), repeatable options, `--` ends options, and a value that looks like an option
/// (`-x`, `--x`) is not taken as a value. A lone `-` is a value.
struct CommandLineParser {
    /// Long names that look like a token option; refused with a pointer to `CARACAL_ADMIN_TOKEN`.
    static let tokenOptionNames: Set<String> = ["token", "admin-token", "caracal-admin-token", "api-token"]

    let options: [OptionDeclaration]
    let arguments: [ArgumentDeclaration]

    /// Parses `input` (the arguments after the command name).
    func parse(_ input: [String]) throws(UsageError) -> ParsedArguments {
        var result = ParsedArguments()
        var index = 0
        var optionsEnded = false
        while index < input.count {
            let argument = input[index]
            index += 1
            if optionsEnded || !Self.looksLikeOption(argument) {
                result.positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            let (spelling, inlineValue) = Self.split(argument)
            let declaration = try self.declaration(for: spelling)
            switch declaration.kind {
            case .flag:
                if inlineValue != nil { throw .flagTakesNoValue(spelling) }
                result.flags.insert(declaration.long)
            case .value:
                let value: String
                if let inlineValue {
                    guard !inlineValue.isEmpty else { throw .missingValue(declaration.spelling(spelling)) }
                    value = inlineValue
                } else if index < input.count, !Self.looksLikeOption(input[index]) {
                    value = input[index]
                    index += 1
                } else {
                    throw .missingValue(declaration.spelling(spelling))
                }
                result.values[declaration.long, default: []].append(value)
            }
        }
        try checkPositionals(result.positionals)
        return result
    }

    private func declaration(for spelling: String) throws(UsageError) -> OptionDeclaration {
        if spelling.hasPrefix("--") {
            let name = String(spelling.dropFirst(2))
            if Self.tokenOptionNames.contains(name) { throw .tokenOption(spelling) }
            if let found = options.first(where: { $0.long == name }) { return found }
        } else if spelling.count == 2, let letter = spelling.last, let found = options.first(where: { $0.short == letter }) {
            return found
        }
        throw .unknownOption(spelling, suggestion: suggestion(for: spelling))
    }

    private func suggestion(for spelling: String) -> String? {
        // Compare bare names, so `-file` and `--fiel` both find `--file`.
        let bare = String(spelling.drop(while: { $0 == "-" }))
        guard let name = Suggestion.closest(to: bare, in: options.map(\.long)) else { return nil }
        return "--\(name)"
    }

    private func checkPositionals(_ positionals: [String]) throws(UsageError) {
        let takesAll = arguments.last?.isRepeating == true
        if !takesAll, positionals.count > arguments.count {
            throw .unexpectedArgument(positionals[arguments.count])
        }
        for (position, declaration) in arguments.enumerated() where !declaration.isOptional && position >= positionals.count {
            throw .missingArgument(declaration.name)
        }
    }

    /// Whether `argument` is an option (or `--`) rather than a value: it starts with `-` and is not `-` alone.
    static func looksLikeOption(_ argument: String) -> Bool {
        argument.hasPrefix("-") && argument != "-"
    }

    /// Splits `--name=value` into `--name` and `value`; other arguments have no inline value.
    static func split(_ argument: String) -> (spelling: String, value: String?) {
        guard let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    /// Whether `arguments` ask for help (`-h` or `--help` before any `--`).
    static func requestsHelp(_ arguments: [String]) -> Bool {
        arguments.prefix(while: { $0 != "--" }).contains { $0 == "-h" || $0 == "--help" }
    }
}
