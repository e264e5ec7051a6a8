import Manifest
import Planner

/// `caracal-apply drift`: reports where the live state differs from the manifests.
public struct DriftCommand: Command {
    public init() {}

    public var name: String { "drift" }
    public var abstract: String { "Report where the runtime differs from the manifests." }
    public var discussion: String {
        """
        Lists objects changed outside the manifests with their fields, declared
        objects missing from the runtime, unmanaged objects, and policy sets
        whose active version is not the desired one. Exits 0 when in sync, 2 on
        drift and 1 on errors, for running on a schedule. Objects no manifest
        declares count as drift only in zones that prune.
        """
    }
    public var globalOptions: [GlobalOption] { [.file, .runtime, .variables, .format, .noColor, .verbose] }
    public var formats: [OutputFormat] { [.text, .json, .markdown] }

    public func run(_ context: CommandContext) async throws(CommandFailure) -> ExitCode {
        let (loaded, _) = try ManifestInputs(context: context).loadValid()
        let opened = try RuntimeAccess(context: context).open(forWriting: false)
        let (plan, _) = try await Planning.plan(loaded.desired, mode: .apply, targets: [], runtime: opened.runtime)
        try await opened.close()
        let report = DriftReport(plan: plan)
        switch context.global.format {
        case .json: context.io.writeOut(JSONWriter.pretty(report.json()) + "\n")
        case .markdown: context.io.writeOut(report.markdown())
        default: context.io.writeOut(report.text())
        }
        return report.inSync ? .success : .changesPresent
    }
}
