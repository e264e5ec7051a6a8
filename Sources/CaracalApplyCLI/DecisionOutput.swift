import CaracalRuntime
import CaracalRuntimeEmbedded
import Foundation
import Manifest

/// Decides the inputs and prints the answers; records them when the source is a runtime zone.
struct DecisionOutput {
    let context: CommandContext
    let source: DecisionSource

    func write(_ inputs: DecisionInputs) throws(CommandFailure) -> ExitCode {
        switch inputs {
        case .single(let input):
            return try decideOne(input)
        case .lines(let file, let bytes):
            return try replay(file: file, bytes: bytes)
        }
    }

    private func decideOne(_ input: RegoValue) throws(CommandFailure) -> ExitCode {
        let explain = context.arguments.flag("explain")
        // The trace is always kept for the audit log; it is printed only with --explain.
        let decision = source.engine.decide(input, explain: explain || source.audit != nil)
        var requestID: String?
        if let audit = source.audit {
            let entry = AuditEntry(
                requestID: UUID().uuidString.lowercased(), time: Self.now(), zone: audit.zone,
                policySetVersionID: audit.bundle.policySetVersionID, manifestSHA256: audit.bundle.manifestSHA256,
                input: input, result: decision.resultValue, trace: decision.trace)
            do {
                try audit.log.append(entry)
            } catch {
                throw .failed(error.message)
            }
            requestID = entry.requestID
        }
        if context.global.format == .json {
            var object: [String: RegoValue] = ["result": decision.resultValue]
            if let requestID { object["request_id"] = .string(requestID) }
            if explain, let trace = decision.trace { object["trace"] = trace.regoValue }
            context.io.writeOut(JSONWriter.pretty(.object(object)) + "\n")
        } else {
            context.io.writeOut(Self.summary(decision, colorizer: context.stdoutColor) + "\n")
            if let requestID { context.io.writeOut("request \(requestID) (see 'caracal-apply explain \(requestID)')\n") }
            if explain, let trace = decision.trace { context.io.writeOut("\n" + trace.renderText()) }
        }
        return .success
    }

    /// Decides one input a line, writing one result a line in the same order.
    private func replay(file: String, bytes: Data) throws(CommandFailure) -> ExitCode {
        let json = context.global.format == .json
        let writeOut = context.io.writeOutBytes
        let failure = bytes.withUnsafeBytes { text in
            DecisionReplay(engine: source.engine).run(text, render: { decision in
                Array((json ? JSONWriter.compact(decision.resultValue) : Self.summary(decision, colorizer: .plain)).utf8)
            }, write: writeOut)
        }
        if let failure {
            throw .failed("\(file):\(failure.line):\(failure.error.column): \(failure.error.message) Each line must be one JSON policy input.")
        }
        return .success
    }

    /// `allow  caracal-reporter-mint  step-up: high` or `deny  role_scope_mismatch`.
    static func summary(_ decision: Decision, colorizer: Colorizer) -> String {
        switch decision.outcome {
        case .allowed(_, let policy, let diagnostics):
            let tiers = diagnostics.compactMap { diagnostic -> String? in
                guard case .stepUpRequired(let tiers) = diagnostic else { return nil }
                return tiers.compactMap { $0["tier"]?.stringValue }.joined(separator: ", ")
            }
            return colorizer.apply(.green, to: "allow") + "  \(policy)" + (tiers.isEmpty ? "" : "  step-up: \(tiers.joined(separator: ", "))")
        case .denied(let reason):
            return colorizer.apply(.red, to: "deny") + "  \(reason.rawValue)"
        case .failed(let detail):
            return colorizer.apply(.red, to: "deny") + "  evaluation_conflict: \(detail)"
        }
    }

    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
