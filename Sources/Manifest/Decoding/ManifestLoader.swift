import Foundation

/// Reads manifest files into a validated ``DesiredState`` (SPEC §3).
///
/// Every file is read, every document decoded and every cross-object rule checked, so one run
/// reports every problem. Objects with errors are left out of the desired state.
public struct ManifestLoader: Sendable {
    /// What `${env:…}` and `${var:…}` resolve against.
    public var scope: VariableScope
    /// Limits on each YAML file.
    public var limits: YAMLLoader.Limits
    /// The folder relative file paths start from; `nil` for the process's current folder.
    public var workingDirectory: String?

    public init(scope: VariableScope = VariableScope(), limits: YAMLLoader.Limits = .default, workingDirectory: String? = nil) {
        self.scope = scope
        self.limits = limits
        self.workingDirectory = workingDirectory
    }

    /// `path` as the file system sees it.
    func resolved(_ path: String) -> String {
        guard let workingDirectory, !path.hasPrefix("/") else { return path }
        return (workingDirectory as NSString).appendingPathComponent(path)
    }

    /// Loads and validates the given files, in order.
    public func load(files: [String]) -> ManifestLoadResult {
        var inputs: [(file: String, bytes: [UInt8])] = []
        var diagnostics: [Diagnostic] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: resolved(file)) else {
                diagnostics.append(.error("unreadable_file", "File '\(file)' cannot be read.", at: SourceLocation(file: file, line: 1, column: 1)))
                continue
            }
            inputs.append((file, [UInt8](data)))
        }
        var result = load(inputs)
        result.diagnostics = (diagnostics + result.diagnostics).sorted()
        return result
    }

    /// Loads and validates manifests given as bytes, each named by a path.
    public func load(_ inputs: [(file: String, bytes: [UInt8])]) -> ManifestLoadResult {
        var diagnostics: [Diagnostic] = []
        var objects: [ManifestObject] = []
        var sources: [String: String] = [:]
        for input in inputs {
            let source = String(decoding: input.bytes, as: UTF8.self)
            sources[input.file] = source
            let yaml = YAMLLoader.load(input.bytes, file: input.file, limits: limits)
            diagnostics += yaml.diagnostics
            let directory = (input.file as NSString).deletingLastPathComponent
            let folder = resolved(directory.isEmpty ? "." : directory)
            let decoder = ManifestDecoder(
                interpolation: Interpolation(scope: scope, directory: folder),
                directory: folder, displayDirectory: directory, source: source)
            var redactions: [Redaction] = []
            for document in yaml.documents {
                let decoded = decoder.decode(document)
                diagnostics += decoded.diagnostics
                redactions += decoded.redactions
                if let object = decoded.object { objects.append(object) }
            }
            sources[input.file] = Redaction.apply(redactions, to: source)
        }
        var validator = DesiredStateValidator(objects: objects)
        validator.validate()
        diagnostics += validator.diagnostics
        let valid = objects.filter { !validator.rejected.contains($0.address) }
        return ManifestLoadResult(
            desired: DesiredState(objects: valid), diagnostics: diagnostics.sorted(),
            sources: sources, files: inputs.map(\.file))
    }
}
