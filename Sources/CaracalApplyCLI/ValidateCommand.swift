import Manifest

/// `caracal-apply validate`: checks manifests without any runtime.
public struct ValidateCommand: Command {
    public init() {}

    /// `validate`.
    public var name: String { "validate" }
    /// One line for the command list.
    public var abstract: String { "Check manifests for errors, without a runtime." }
    /// Help paragraphs.
    public var discussion: String {
        """
        Reads every manifest, resolves variables, and reports every problem as
        FILE:LINE:COL: error: MESSAGE, sorted by file and position. Exits 65 when
        any error is found, 66 when an input file or directory does not exist.
        """
    }
    /// Manifests, variables, output format, colour and verbosity.
    public var globalOptions: [GlobalOption] { [.file, .variables, .format, .noColor, .verbose] }
    /// Text for people, JSON for scripts.
    public var formats: [OutputFormat] { [.text, .json] }

    /// Loads and validates the manifests and reports what it found.
    public func run(_ context: CommandContext) async throws(CommandFailure) -> ExitCode {
        let inputs = ManifestInputs(context: context)
        let result = try inputs.load().result
        let status: ExitCode = result.hasErrors ? .invalidManifests : .success
        if context.global.format == .json {
            context.io.writeOut(DiagnosticRenderer.json(result.diagnostics))
            return status
        }
        inputs.report(result)
        let files = "\(result.files.count) file\(result.files.count == 1 ? "" : "s")"
        let problems = ManifestInputs.count(errors: result.errorCount, warnings: result.warningCount)
        if result.hasErrors {
            context.printErr("Error: \(problems) in \(files).")
        } else {
            let objects = result.desired.objects.count
            let warnings = result.warningCount == 0 ? "" : ", with \(problems)"
            context.printOut("Success: \(objects) object\(objects == 1 ? "" : "s") in \(files) \(objects == 1 ? "is" : "are") valid\(warnings).")
        }
        return status
    }
}
