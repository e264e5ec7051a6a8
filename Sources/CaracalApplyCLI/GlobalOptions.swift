/// The common options of every command, parsed. Options a command does not take keep their defaults.
public struct GlobalOptions: Sendable, Hashable {
    /// The `-f` paths in command-line order; empty means the default `./caracal/`.
    public var files: [String] = []
    /// The runtime to talk to.
    public var runtime: RuntimeLocation = .embedded(directory: RuntimeLocation.defaultEmbeddedDirectory)
    /// The `--var` assignments in command-line order.
    public var variables: [VariableAssignment] = []
    /// The `--var-file` paths in command-line order.
    public var variableFiles: [String] = []
    /// The output format (the command's first accepted format unless `--format` says otherwise).
    public var format: OutputFormat = .text
    /// Whether `--no-color` was given.
    public var noColor = false
    /// Whether `-v/--verbose` was given.
    public var verbose = false

    /// Default options.
    public init() {}

    /// The variable values by name; when a name is given twice the last one wins, as in Terraform.
    public var variableValues: [String: String] {
        variables.reduce(into: [:]) { values, assignment in values[assignment.name] = assignment.value }
    }

    /// Builds the common options from a parsed command line.
    ///
    /// - Parameters:
    ///   - arguments: The parsed command line.
    ///   - command: The command, for the formats it accepts and its name in messages.
    ///   - environment: The process environment (`CARACAL_API_URL`).
    /// - Throws: A usage error for a malformed `--runtime`, `--var` or `CARACAL_API_URL`, or a format the command does not accept.
    public init(parsing arguments: ParsedArguments, for command: any Command, environment: [String: String]) throws(UsageError) {
        let taken = Set(command.globalOptions)
        files = arguments.values("file")
        if taken.contains(.runtime) {
            if let value = arguments.value("runtime") {
                guard let location = RuntimeLocation(argument: value) else {
                    throw UsageError("Invalid value '\(value)' for '--runtime': expected an http(s) URL, 'embedded' or 'embedded:DIR'.")
                }
                runtime = location
            } else {
                runtime = try RuntimeLocation.defaultLocation(environment: environment)
            }
        }
        for argument in arguments.values("var") {
            // The value may be a secret, so the message does not repeat it.
            guard let assignment = VariableAssignment(argument: argument) else {
                throw UsageError("Invalid value for '--var': expected NAME=VALUE, where NAME starts with a letter or '_' and has only letters, digits, '_', '-' and '.'.")
            }
            variables.append(assignment)
        }
        variableFiles = arguments.values("var-file")
        if let first = command.formats.first {
            format = first
        }
        if let value = arguments.value("format") {
            guard let chosen = OutputFormat(rawValue: value), command.formats.contains(chosen) else {
                let allowed = command.formats.map(\.rawValue).joined(separator: ", ")
                throw UsageError("Invalid value '\(value)' for '--format': '\(command.name)' accepts \(allowed).")
            }
            format = chosen
        }
        noColor = arguments.flag("no-color")
        verbose = arguments.flag("verbose")
    }
}
