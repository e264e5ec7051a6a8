import Manifest
import Planner

/// `caracal-apply destroy`: deletes what the manifests declare, in reverse order.
public struct DestroyCommand: Command {
    public init() {}

    public var name: String { "destroy" }
    public var abstract: String { "Delete what the manifests declare, in reverse order." }
    public var discussion: String {
        """
        Objects with 'metadata.protect: true', external zones, and zones that
        hold protected objects are kept. Asks for confirmation on a terminal;
        elsewhere it needs --auto-approve.
        """
    }
    public var globalOptions: [GlobalOption] { [.file, .runtime, .variables, .noColor, .verbose] }
    public var options: [OptionDeclaration] { ApplyOptions.declarations }

    public func run(_ context: CommandContext) async throws(CommandFailure) -> ExitCode {
        let settings = try ApplyOptions(context: context)
        try settings.requireApproval(context)
        let (loaded, _) = try ManifestInputs(context: context).loadValid()
        let opened = try RuntimeAccess(context: context).open(forWriting: true, lockTimeout: settings.lockTimeout)
        return try await Execution(context: context, settings: settings, opened: opened)
            .planAndApply(loaded.desired, mode: .destroy, targets: [], verb: "destroy")
    }
}
