import Foundation

/// `caracal-apply validate`: checks manifests without any runtime.
///
/// The command resolves its inputs (manifest paths, variable files) and hands them to `validator`,
/// the seam where manifest loading plugs in.
public struct ValidateCommand: Command {
    /// Validates resolved inputs, writes the report through the context, and returns the exit status
    /// (`.success`, or `.invalidManifests` when any error was found).
    public typealias Validator = @Sendable (ValidationRequest, CommandContext) throws(CommandFailure) -> ExitCode

    /// The function that does the validation.
    public var validator: Validator

    /// Creates the command with a validator; the default only lists the files it would read.
    public init(validator: @escaping Validator = ValidateCommand.listFiles) {
        self.validator = validator
    }

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

    /// Resolves the inputs and calls `validator`.
    public func run(_ context: CommandContext) throws(CommandFailure) -> ExitCode {
        let files: [ManifestFile]
        do {
            files = try ManifestPaths.resolve(context.global.files, currentDirectory: context.currentDirectory)
        } catch {
            throw .failed(message: error.description, exitCode: .missingInput)
        }
        var variableFiles: [ManifestFile] = []
        for path in context.global.variableFiles {
            let absolute = path.hasPrefix("/") ? path : ManifestPaths.join(context.currentDirectory, path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw .failed(message: "No such variable file: '\(path)'.", exitCode: .missingInput)
            }
            variableFiles.append(ManifestFile(path: path, url: URL(fileURLWithPath: absolute).standardizedFileURL))
        }
        let request = ValidationRequest(
            files: files, variables: context.global.variables, variableFiles: variableFiles, format: context.global.format
        )
        return try validator(request, context)
    }

    /// The stand-in validator until manifest loading is wired in: prints the files that would be validated, one per line.
    public static let listFiles: Validator = { request, context in
        for file in request.files { context.printOut(file.path) }
        return .success
    }
}
