import Foundation
import Manifest

/// One recorded decision (SPEC §7): what was asked, of which policy-set version, and the answer.
public struct AuditEntry: Sendable, Hashable {
    public var requestID: String
    /// RFC 3339 UTC with milliseconds.
    public var time: String
    /// The zone's slug.
    public var zone: String
    public var policySetVersionID: String?
    public var manifestSHA256: String?
    /// The policy input with `subject_claims` and `actor_claims` redacted.
    public var input: RegoValue
    /// The contract result.
    public var result: RegoValue
    /// The explain trace, as structured data.
    public var trace: RegoValue?
    /// The explain trace as `decide --explain` prints it.
    public var traceText: String?

    public init(requestID: String, time: String, zone: String, policySetVersionID: String?, manifestSHA256: String?,
                input: RegoValue, result: RegoValue, trace: DecisionTrace?) {
        self.requestID = requestID
        self.time = time
        self.zone = zone
        self.policySetVersionID = policySetVersionID
        self.manifestSHA256 = manifestSHA256
        self.input = Self.redacted(input)
        self.result = result
        self.trace = trace?.regoValue
        self.traceText = trace?.renderText()
    }

    /// The decision, `allow` or `deny`.
    public var decision: String { result["decision"]?.stringValue ?? "unknown" }

    /// The input with the subject's and actor's claims replaced by `(redacted)`.
    public static func redacted(_ input: RegoValue) -> RegoValue {
        guard case .object(var fields) = input, case .object(var context)? = fields["context"] else { return input }
        for key in ["subject_claims", "actor_claims"] where context[key] != nil {
            context[key] = .string("(redacted)")
        }
        fields["context"] = .object(context)
        return .object(fields)
    }

    /// The entry as one JSON object.
    public var json: RegoValue {
        var object: [String: RegoValue] = [
            "request_id": .string(requestID), "time": .string(time), "zone": .string(zone),
            "input": input, "result": result,
        ]
        object["policy_set_version_id"] = policySetVersionID.map(RegoValue.string) ?? .null
        object["manifest_sha256"] = manifestSHA256.map(RegoValue.string) ?? .null
        if let trace { object["trace"] = trace }
        if let traceText { object["trace_text"] = .string(traceText) }
        return .object(object)
    }

    /// Reads an entry written by ``json``; `nil` when the line is not one.
    public init?(json: RegoValue) {
        guard let requestID = json["request_id"]?.stringValue, let time = json["time"]?.stringValue,
              let zone = json["zone"]?.stringValue, let input = json["input"], let result = json["result"] else { return nil }
        self.requestID = requestID
        self.time = time
        self.zone = zone
        self.policySetVersionID = json["policy_set_version_id"]?.stringValue
        self.manifestSHA256 = json["manifest_sha256"]?.stringValue
        self.input = input
        self.result = result
        self.trace = json["trace"]
        self.traceText = json["trace_text"]?.stringValue
    }
}
