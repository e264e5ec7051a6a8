import CaracalRuntime
import CaracalRuntimeEmbedded
import Foundation
import Manifest
import Synchronization

/// What a `decide` decides against: the engine, the ids requests use, and, for a runtime
/// zone, where to record the decision.
struct DecisionSource {
    var engine: DecisionEngine
    var ids: PolicyTestRunner.IDs
    /// Set for a runtime zone: decisions are recorded in its audit log.
    var audit: (log: AuditLog, zone: String, bundle: PolicyBundle)?
    /// Whether `--application NAME` can be resolved to an id.
    var resolvesApplications: Bool

    /// Raw Rego data documents, merged in the order given.
    static func policyFiles(_ paths: [String], context: CommandContext) throws(CommandFailure) -> DecisionSource {
        var documents: [PolicyBundle.Document] = []
        var diagnostics: [Diagnostic] = []
        var sources: [String: String] = [:]
        for path in paths {
            let absolute = context.absolutePath(path)
            guard let data = FileManager.default.contents(atPath: absolute) else {
                throw .failed(message: "No such policy file: '\(path)'.", exitCode: .missingInput)
            }
            let text = String(decoding: data, as: UTF8.self)
            sources[path] = text
            let (violations, parsed) = checkAndParse(text, file: path)
            let problems = violations.map { $0.diagnostic(file: path) }
            diagnostics += problems + parsed.diagnostics
            if let document = parsed.document, problems.isEmpty {
                documents.append(PolicyBundle.Document(policy: path, rules: document.values))
            }
        }
        if diagnostics.contains(where: { $0.severity == .error }) {
            context.io.writeErr(DiagnosticRenderer(sources: sources, colored: context.stderrColor.isEnabled).text(diagnostics.sorted()))
            throw .failed(message: "The policy files have errors; fix them and run again.", exitCode: .invalidManifests)
        }
        let bundle: PolicyBundle
        do {
            bundle = try PolicyBundle(documents: documents)
        } catch {
            throw .failed(message: error.description, exitCode: .invalidManifests)
        }
        return DecisionSource(engine: DecisionEngine(bundle: bundle), ids: .placeholders(zone: "policy-files"), audit: nil, resolvesApplications: false)
    }

    /// The Admin API's checks on a policy file's text, and its parse: they read the text
    /// independently, so the checks run on another thread meanwhile.
    private static func checkAndParse(_ text: String, file: String) -> (violations: [RegoRuleViolation], parsed: (document: RegoDataDocument?, diagnostics: [Diagnostic])) {
        let violations = Mutex<[RegoRuleViolation]>([])
        let parsed = Mutex<(document: RegoDataDocument?, diagnostics: [Diagnostic])>((nil, []))
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                let found = RegoPolicyRules.allViolations(in: text)
                violations.withLock { $0 = found }
            } else {
                let result = RegoDataDocumentParser.parse(text, file: file)
                parsed.withLock { $0 = result }
            }
        }
        return (violations.withLock { $0 }, parsed.withLock { $0 })
    }

    /// The activating policy set of a zone in the manifests, with placeholder ids.
    static func manifests(zone: String?, context: CommandContext) throws(CommandFailure) -> DecisionSource {
        let (loaded, _) = try ManifestInputs(context: context).loadValid()
        let activating = loaded.desired.objects.filter { object in
            if case .policySet(let set) = object.spec { return set.activate && (zone == nil || object.zone == zone) }
            return false
        }
        guard let set = activating.first, activating.count == 1 else {
            let zones = Set(activating.map(\.zone)).sorted()
            throw .usage(UsageError(activating.isEmpty
                ? "No activating policy set is declared\(zone.map { " in zone '\($0)'" } ?? "")."
                : "Several zones have an activating policy set (\(zones.joined(separator: ", "))); pick one with --zone."))
        }
        let ids = PolicyTestRunner.IDs.placeholders(zone: set.zone)
        do {
            let bundle = try PolicyTestRunner().bundle(for: set.address, in: loaded.desired, ids: ids)
            return DecisionSource(engine: DecisionEngine(bundle: bundle), ids: ids, audit: nil, resolvesApplications: true)
        } catch {
            throw .failed(message: error.description, exitCode: .invalidManifests)
        }
    }

    /// A runtime zone's active version; decisions are recorded in the runtime's audit log.
    static func runtime(zone: String, context: CommandContext) async throws(CommandFailure) -> DecisionSource {
        let opened = try RuntimeAccess(context: context).open(forWriting: false)
        let read: (active: ActiveBundle, applications: [LiveObject], resources: [LiveObject])
        do {
            read = try await readZone(zone, from: opened)
        } catch {
            try? await opened.close()
            throw .failed(error.message)
        }
        try await opened.close()
        let applicationIDs = Dictionary(read.applications.map { ($0.identity, $0.id) }, uniquingKeysWith: { first, _ in first })
        let resourceIDs = Dictionary(read.resources.map { ($0.identity, $0.id) }, uniquingKeysWith: { first, _ in first })
        let ids = PolicyTestRunner.IDs(
            application: { applicationIDs[$0] ?? "" }, zone: read.active.zoneID,
            resource: { resourceIDs[$0] ?? "unknown:\($0)" })
        // A Caracal deployment keeps its own decision records; the embedded runtime's are local.
        return DecisionSource(
            engine: DecisionEngine(bundle: read.active.bundle), ids: ids,
            audit: opened.embedded.map { (AuditLog(directory: $0.directory), zone, read.active.bundle) }, resolvesApplications: true)
    }

    /// Frees `source` on a task of its own.
    ///
    /// A zone's values take milliseconds to free, a node at a time, and the process mostly
    /// exits right after its answers: an exit does not wait for the task.
    static func free(_ source: sending DecisionSource) {
        Task.detached(priority: .background) { withExtendedLifetime(source) {} }
    }

    private static func readZone(_ zone: String, from opened: OpenRuntime) async throws(RuntimeError) -> (active: ActiveBundle, applications: [LiveObject], resources: [LiveObject]) {
        let active = try await opened.runtime.activeBundle(zone: zone)
        let applications = try await opened.runtime.list(.application, zoneID: active.zoneID)
        let resources = try await opened.runtime.list(.resource, zoneID: active.zoneID)
        return (active, applications, resources)
    }
}
