import CaracalRuntimeEmbedded
import Foundation
import Manifest

/// `caracal-apply audit`: lists recorded decisions, newest first.
public struct AuditCommand: Command {
    public init() {}

    public var name: String { "audit" }
    public var abstract: String { "List recorded decisions, newest first." }
    public var globalOptions: [GlobalOption] { [.runtime, .format, .noColor] }
    public var formats: [OutputFormat] { [.text, .json] }
    public var options: [OptionDeclaration] {
        [
            .value("zone", placeholder: "Z", help: "Only decisions in this zone."),
            .value("decision", placeholder: "allow|deny", help: "Only allows or only denies."),
            .value("since", placeholder: "TIME", help: "Only decisions at or after this RFC 3339 time."),
            .value("limit", placeholder: "N", help: "At most N decisions (default 20)."),
        ]
    }

    public func run(_ context: CommandContext) async throws(CommandFailure) -> ExitCode {
        let arguments = context.arguments
        if let decision = arguments.value("decision"), decision != "allow", decision != "deny" {
            throw .usage(UsageError("Invalid value '\(decision)' for '--decision': use allow or deny."))
        }
        // Recorded times carry milliseconds; --since may leave them out.
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var since: Date?
        if let text = arguments.value("since") {
            guard let date = parser.date(from: text) ?? ISO8601DateFormatter().date(from: text) else {
                throw .usage(UsageError("Invalid value '\(text)' for '--since': give an RFC 3339 time such as 2026-11-29T16:00:00Z."))
            }
            since = date
        }
        var limit = 20
        if let text = arguments.value("limit") {
            guard let value = Int(text), value > 0 else {
                throw .usage(UsageError("Invalid value '\(text)' for '--limit': give a whole number greater than 0."))
            }
            limit = value
        }
        let entries = try AuditAccess(context: context).entries().reversed().filter { entry in
            (arguments.value("zone").map { entry.zone == $0 } ?? true)
                && (arguments.value("decision").map { entry.decision == $0 } ?? true)
                && (since.map { since in parser.date(from: entry.time).map { $0 >= since } ?? false } ?? true)
        }.prefix(limit)
        if context.global.format == .json {
            context.io.writeOut(JSONWriter.pretty(.object(["decisions": .array(entries.map(\.json))])) + "\n")
            return .success
        }
        guard !entries.isEmpty else {
            context.io.writeOut("No recorded decisions match.\n")
            return .success
        }
        for entry in entries {
            let detail = entry.result["determining_policies"]?.arrayFirstPolicy
                ?? entry.result["diagnostics"]?.firstReason ?? ""
            context.io.writeOut("\(entry.time)  \(entry.requestID)  \(entry.zone)  \(entry.decision)  \(detail)\n")
        }
        return .success
    }
}

private extension RegoValue {
    var arrayFirstPolicy: String? {
        guard case .array(let items) = self else { return nil }
        return items.first?["policy"]?.stringValue
    }

    var firstReason: String? {
        guard case .array(let items) = self else { return nil }
        return items.first?["reason"]?.stringValue
    }
}
