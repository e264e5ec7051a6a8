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
    ///
    /// Files are read and decoded in parallel, since each stands alone; their results are then
    /// combined in input order, so the outcome is the same as reading them one by one.
    public func load(_ inputs: [(file: String, bytes: [UInt8])]) -> ManifestLoadResult {
        var pending = parallelMap(inputs.count) { index in load(file: inputs[index].file, bytes: inputs[index].bytes) }
        var diagnostics: [Diagnostic] = []
        var objects: [ManifestObject] = []
        var sources: [String: String] = [:]
        var trees: [[YAMLDocument]] = []
        // Each file's result is dropped as soon as it is merged, so that the objects are never
        // held twice over.
        pending.reverse()
        for input in inputs {
            guard let result = pending.popLast() else { break }
            diagnostics += result.diagnostics
            objects += result.objects
            sources[input.file] = result.source
            trees.append(result.documents)
        }
        // The YAML trees are freed on another core while this one validates, rather than by
        // the parallel readers, where freeing them took time from both cores; loading returns
        // only once they are gone, so nothing later pays for them.
        let freeing = DispatchGroup()
        DispatchQueue.global().async(group: freeing) { [trees] in _ = trees.count }
        trees = []
        // Building the desired state does not depend on validation unless validation rejects
        // an object, which is rare: build it alongside, and again only if something was rejected.
        let speculative = SpeculativeState()
        let building = DispatchGroup()
        DispatchQueue.global().async(group: building) { [objects] in speculative.store(DesiredState(objects: objects)) }
        var validator = DesiredStateValidator(objects: objects)
        validator.validate()
        building.wait()
        freeing.wait()
        diagnostics += validator.diagnostics
        // Secret values written literally stay hidden in any line a diagnostic prints, even in
        // files too broken for the decoder to know which values are secrets.
        for file in Set(diagnostics.compactMap { $0.location?.file }) {
            if let text = sources[file] { sources[file] = Redaction.apply(Redaction.literalSecrets(in: text), to: text) }
        }
        let desired = validator.rejected.isEmpty ? speculative.take() : nil
        return ManifestLoadResult(
            desired: desired ?? DesiredState(objects: objects.filter { !validator.rejected.contains($0.address) }),
            diagnostics: diagnostics.sorted(), sources: sources, files: inputs.map(\.file))
    }

    /// What one file gave: its problems in the order found, its decoded objects, and its text
    /// with literal secrets masked.
    private struct FileResult: Sendable {
        var diagnostics: [Diagnostic] = []
        var objects: [ManifestObject] = []
        var source = ""
        /// The parsed YAML, handed back so that it is freed off the readers' threads.
        var documents: [YAMLDocument] = []
    }

    /// Parses and decodes one file, without the checks that span files.
    private func load(file: String, bytes: [UInt8]) -> FileResult {
        var result = FileResult()
        let source = String(decoding: bytes, as: UTF8.self)
        let yaml = YAMLLoader.load(bytes, file: file, limits: limits)
        result.diagnostics = yaml.diagnostics
        let directory = (file as NSString).deletingLastPathComponent
        let folder = resolved(directory.isEmpty ? "." : directory)
        let decoder = ManifestDecoder(
            interpolation: Interpolation(scope: scope, directory: folder),
            directory: folder, displayDirectory: directory, source: source)
        var redactions: [Redaction] = []
        for document in yaml.documents {
            let decoded = decoder.decode(document)
            result.diagnostics += decoded.diagnostics
            redactions += decoded.redactions
            if let object = decoded.object { result.objects.append(object) }
        }
        result.source = Redaction.apply(redactions, to: source)
        result.documents = yaml.documents
        return result
    }

    /// The desired state built on another thread while validation runs.
    private final class SpeculativeState: @unchecked Sendable {
        private let lock = NSLock()
        private var state: DesiredState?

        func store(_ state: DesiredState) {
            lock.withLock { self.state = state }
        }

        func take() -> DesiredState? {
            lock.withLock { state.take() }
        }
    }
}
