import CaracalRuntime
import CaracalRuntimeEmbedded
import Foundation
import Manifest

/// `caracal-apply decide`: what Caracal would decide for a request, and why.
public struct DecideCommand: Command {
    public init() {}

    public var name: String { "decide" }
    public var abstract: String { "Decide a request as Caracal would, and say why." }
    public var discussion: String {
        """
        Decides against a runtime zone's active policy-set version (--zone Z, recorded
        in the audit log), against the manifests (--from-manifests, with --zone when
        several zones have an activating set), or against raw Rego data documents
        (--policy-file F, repeatable) with no runtime at all. Build the request with
        the request flags, or give a policy input with --input FILE: one JSON object,
        or JSON Lines (one input a line, one result a line, in order) to replay
        recorded traffic against a candidate policy.
        """
    }
    public var globalOptions: [GlobalOption] { [.file, .runtime, .variables, .format, .noColor, .verbose] }
    public var formats: [OutputFormat] { [.text, .json] }
    public var options: [OptionDeclaration] {
        [
            .value("zone", placeholder: "Z", help: "The zone whose policies decide."),
            .flag("from-manifests", help: "Decide against the manifests' policies instead of a runtime."),
            .value("policy-file", placeholder: "F", repeatable: true, help: "Decide against this Rego data document; no runtime needed."),
            .value("input", placeholder: "FILE", help: "A policy input (JSON), or JSON Lines of inputs."),
            .flag("explain", help: "Print the decision's trace."),
        ] + DecisionRequestFlags.declarations
    }

    public func run(_ context: CommandContext) async throws(CommandFailure) -> ExitCode {
        let arguments = context.arguments
        let policyFiles = arguments.values("policy-file")
        let fromManifests = arguments.flag("from-manifests")
        let zone = arguments.value("zone")
        guard [!policyFiles.isEmpty, fromManifests, zone != nil && !fromManifests].filter({ $0 }).count == 1 else {
            throw .usage(UsageError("Choose what decides: --zone Z (a runtime zone), --from-manifests, or --policy-file F."))
        }
        let hasInput = arguments.value("input") != nil
        guard hasInput != DecisionRequestFlags.given(arguments) else {
            throw .usage(UsageError(hasInput
                ? "Give the request either with --input FILE or with request flags, not both."
                : "Give a request: --input FILE, or --resource with --application or --principal-id and --scopes."))
        }
        let preloaded = DecisionInputs.preload(context: context)
        let source: DecisionSource
        if !policyFiles.isEmpty {
            source = try DecisionSource.policyFiles(policyFiles, context: context)
        } else if fromManifests {
            source = try DecisionSource.manifests(zone: zone, context: context)
        } else {
            source = try await DecisionSource.runtime(zone: zone!, context: context)
        }
        let inputs = try DecisionInputs.read(context: context, source: source, preloaded: preloaded)
        let exitCode = try DecisionOutput(context: context, source: source).write(inputs)
        DecisionSource.free(consume source)
        return exitCode
    }
}
