/// One of the common options SPEC §2 describes. A command lists the ones it takes in `Command.globalOptions`.
public enum GlobalOption: Sendable, Hashable, CaseIterable {
    /// `-f/--file PATH`, repeatable.
    case file
    /// `--runtime URL|embedded[:DIR]`.
    case runtime
    /// `--var NAME=VALUE` (repeatable) and `--var-file FILE` (repeatable).
    case variables
    /// `--format`, restricted to the command's `formats`.
    case format
    /// `--no-color`.
    case noColor
    /// `-v/--verbose`.
    case verbose

    /// The option declarations this common option contributes, given the command's formats.
    func declarations(formats: [OutputFormat]) -> [OptionDeclaration] {
        switch self {
        case .file:
            [.value("file", short: "f", placeholder: "PATH", repeatable: true,
                    help: "A manifest file, or a directory read for *.yaml and *.yml files below it (default: ./caracal/).")]
        case .runtime:
            [.value("runtime", placeholder: "URL|embedded[:DIR]",
                    help: "The Admin API URL, or the embedded runtime and its state directory (default: $CARACAL_API_URL when set, else embedded:./.caracal).")]
        case .variables:
            [.value("var", placeholder: "NAME=VALUE", repeatable: true, help: "Give ${var:NAME} a value."),
             .value("var-file", placeholder: "FILE", repeatable: true, help: "Read variable values from FILE.")]
        case .format:
            [.value("format", placeholder: formats.map(\.rawValue).joined(separator: "|"),
                    help: "The output format (default: \(formats.first?.rawValue ?? "text")).")]
        case .noColor:
            [.flag("no-color", help: "Never colour the output (setting NO_COLOR does the same).")]
        case .verbose:
            [.flag("verbose", short: "v", help: "Log each runtime call and its timing on stderr, secrets redacted.")]
        }
    }
}
