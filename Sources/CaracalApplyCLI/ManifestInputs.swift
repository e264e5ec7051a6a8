import Foundation
import Manifest

/// Loads the manifests a command was pointed at: `-f` paths (default `./caracal/`), `--var`,
/// `--var-file` and the environment, through ``ManifestLoader``.
struct ManifestInputs {
    let context: CommandContext

    /// The loaded and validated manifests and the `--var`/`--var-file` values they used;
    /// problems in variable files are among the diagnostics.
    ///
    /// - Throws: exit 66 when a path or variable file does not exist.
    func load() throws(CommandFailure) -> (result: ManifestLoadResult, variables: [String: String]) {
        let files: [ManifestFile]
        do {
            files = try ManifestPaths.resolve(context.global.files, currentDirectory: context.currentDirectory)
        } catch {
            throw .failed(message: error.description, exitCode: .missingInput)
        }
        var variables: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        var sources: [String: String] = [:]
        for path in context.global.variableFiles {
            let absolute = context.absolutePath(path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let data = FileManager.default.contents(atPath: absolute) else {
                throw .failed(message: "No such variable file: '\(path)'.", exitCode: .missingInput)
            }
            let bytes = [UInt8](data)
            let file = VariableFile.load(bytes, file: path)
            variables.merge(file.variables) { _, later in later }
            diagnostics += file.diagnostics
            if !file.diagnostics.isEmpty { sources[path] = String(decoding: bytes, as: UTF8.self) }
        }
        for assignment in context.global.variables {
            variables[assignment.name] = assignment.value
        }
        var result = load(files: files.map(\.path), variables: variables)
        result.diagnostics = (diagnostics + result.diagnostics).sorted()
        result.sources.merge(sources) { current, _ in current }
        return (result, variables)
    }

    /// Loads exactly these files with these variables (for `apply PLANFILE`).
    func load(files: [String], variables: [String: String]) -> ManifestLoadResult {
        let loader = ManifestLoader(
            scope: VariableScope(environment: context.environment, variables: variables),
            workingDirectory: context.currentDirectory)
        return loader.load(files: files)
    }

    /// Loads the manifests and stops with exit 65, after printing them, when they have errors;
    /// warnings are printed and loading goes on.
    func loadValid() throws(CommandFailure) -> (result: ManifestLoadResult, variables: [String: String]) {
        let loaded = try load()
        try requireValid(loaded.result)
        return loaded
    }

    /// Prints the diagnostics and stops with exit 65 when any is an error.
    func requireValid(_ result: ManifestLoadResult) throws(CommandFailure) {
        report(result)
        if result.hasErrors {
            let files = "\(result.files.count) file\(result.files.count == 1 ? "" : "s")"
            throw .failed(message: "\(ManifestInputs.count(errors: result.errorCount, warnings: result.warningCount)) in \(files); fix them and run again.", exitCode: .invalidManifests)
        }
    }

    /// Prints diagnostics to standard error, with source lines and colour when it is a terminal.
    func report(_ result: ManifestLoadResult) {
        let renderer = DiagnosticRenderer(sources: result.sources, colored: context.stderrColor.isEnabled)
        context.io.writeErr(renderer.text(result.diagnostics))
    }

    /// `3 errors and 1 warning`, for summaries.
    static func count(errors: Int, warnings: Int) -> String {
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        switch (errors, warnings) {
        case (0, 0): return "no problems"
        case (_, 0): return plural(errors, "error")
        case (0, _): return plural(warnings, "warning")
        default: return "\(plural(errors, "error")) and \(plural(warnings, "warning"))"
        }
    }
}
