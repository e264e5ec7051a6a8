import CaracalRuntimeEmbedded
import Manifest

/// `caracal-apply explain REQUEST_ID`: a recorded decision with its trace.
public struct ExplainCommand: Command {
    public init() {}

    public var name: String { "explain" }
    public var abstract: String { "Show a recorded decision with its trace." }
    public var globalOptions: [GlobalOption] { [.runtime, .format, .noColor] }
    public var formats: [OutputFormat] { [.text, .json] }
    public var arguments: [ArgumentDeclaration] {
        [ArgumentDeclaration("REQUEST_ID", help: "The request id 'decide' printed.")]
    }

    public func run(_ context: CommandContext) async throws(CommandFailure) -> ExitCode {
        let requestID = context.arguments.positionals.first ?? ""
        guard let entry = try AuditAccess(context: context).entries().last(where: { $0.requestID == requestID }) else {
            throw .failed("No decision with request id '\(requestID)' is in the audit log; list recent ones with 'caracal-apply audit'.")
        }
        if context.global.format == .json {
            context.io.writeOut(JSONWriter.pretty(entry.json) + "\n")
            return .success
        }
        var out = "request \(entry.requestID)\ntime: \(entry.time)\nzone: \(entry.zone)\n"
        out += "policy set version: \(entry.policySetVersionID ?? "(none)")\nmanifest sha256: \(entry.manifestSHA256 ?? "(none)")\n"
        out += "\ninput (subject and actor claims redacted):\n\(JSONWriter.pretty(entry.input))\n"
        out += "\nresult:\n\(JSONWriter.pretty(entry.result))\n"
        if let trace = entry.traceText { out += "\n" + trace }
        context.io.writeOut(out)
        return .success
    }
}
