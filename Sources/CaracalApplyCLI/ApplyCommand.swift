import Foundation
import Manifest
import Planner
import Reconciler

/// `caracal-apply apply`: makes the live state match the manifests, or applies a saved plan.
public struct ApplyCommand: Command {
    public init() {}

    public var name: String { "apply" }
    public var abstract: String { "Make the runtime match the manifests or a saved plan." }
    public var discussion: String {
        """
        Without PLANFILE, plans and asks for confirmation on a terminal; elsewhere
        it needs --auto-approve. With PLANFILE (from 'plan --out'), it reloads the
        same manifests and refuses a stale plan: one whose manifests, runtime or
        live state have changed since it was made. Independent changes run in
        parallel; a failure does not stop them, and the exit status is 1 if any
        change failed, or 3 when a policy set's tests block its activation.
        """
    }
    public var globalOptions: [GlobalOption] { [.file, .runtime, .variables, .noColor, .verbose] }
    public var arguments: [ArgumentDeclaration] {
        [ArgumentDeclaration("PLANFILE", optional: true, help: "A plan saved with 'caracal-apply plan --out'.")]
    }
    public var options: [OptionDeclaration] { ApplyOptions.declarations + [ApplyOptions.target] }

    public func run(_ context: CommandContext) async throws(CommandFailure) -> ExitCode {
        let settings = try ApplyOptions(context: context)
        if let planFile = context.arguments.positionals.first {
            return try await applySaved(planFile, context: context, settings: settings)
        }
        try settings.requireApproval(context)
        let (loaded, _) = try ManifestInputs(context: context).loadValid()
        let targets = try Planning.targets(context, desired: loaded.desired)
        let opened = try RuntimeAccess(context: context).open(forWriting: true, lockTimeout: settings.lockTimeout)
        return try await Execution(context: context, settings: settings, opened: opened)
            .planAndApply(loaded.desired, mode: .apply, targets: targets, verb: "apply")
    }

    private func applySaved(_ path: String, context: CommandContext, settings: ApplyOptions) async throws(CommandFailure) -> ExitCode {
        let absolute = context.absolutePath(path)
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw .failed(message: "No such plan file: '\(path)'.", exitCode: .missingInput)
        }
        let saved: PlanFile
        do {
            saved = try PlanFile(text: String(decoding: data, as: UTF8.self))
        } catch {
            throw .failed("The plan file '\(path)' cannot be used: \(error.reason).")
        }
        let inputs = ManifestInputs(context: context)
        let loaded = inputs.load(files: saved.inputs.files, variables: saved.inputs.variables)
        try inputs.requireValid(loaded)
        let opened = try RuntimeAccess(context: context).open(forWriting: true, lockTimeout: settings.lockTimeout)
        let execution = Execution(context: context, settings: settings, opened: opened)
        return try await execution.applySaved(saved, path: path, desired: loaded.desired)
    }
}
