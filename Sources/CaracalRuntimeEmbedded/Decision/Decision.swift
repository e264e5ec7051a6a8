import Manifest

/// The result of evaluating the decision contract for one policy input.
public struct Decision: Sendable, Hashable {
    /// The contract's `decision` field.
    public enum Verdict: String, Sendable, Hashable {
        /// The request is allowed.
        case allow
        /// The request is denied, by a reason or because evaluation failed.
        case deny
    }

    /// The contract's `evaluation_status` field.
    public enum EvaluationStatus: String, Sendable, Hashable {
        /// The contract evaluated to a result.
        case complete
        /// The contract failed (a conflict); the runtime denies.
        case error
    }

    /// What the contract concluded, without the trace.
    public enum Outcome: Sendable, Hashable {
        /// An allow path held; `policy` is the determining policy.
        case allowed(AllowPath, policy: String, diagnostics: [DecisionDiagnostic])
        /// No allow path held.
        case denied(DenyReason)
        /// The contract failed to evaluate and the runtime fails closed.
        case failed(detail: String)
    }

    /// What the contract concluded.
    public var outcome: Outcome
    /// The explain trace, when it was asked for.
    public var trace: DecisionTrace?

    /// A decision with an optional trace.
    public init(outcome: Outcome, trace: DecisionTrace? = nil) {
        self.outcome = outcome
        self.trace = trace
    }

    /// `allow` or `deny`; a failed evaluation denies.
    public var verdict: Verdict {
        if case .allowed = outcome { return .allow }
        return .deny
    }

    /// `complete`, or `error` when the evaluation failed.
    public var evaluationStatus: EvaluationStatus {
        if case .failed = outcome { return .error }
        return .complete
    }

    /// The names of the determining policies: one for an allow, none for a deny.
    public var determiningPolicies: [String] {
        if case .allowed(_, let policy, _) = outcome { return [policy] }
        return []
    }

    /// The diagnostics in the contract's order.
    public var diagnostics: [DecisionDiagnostic] {
        switch outcome {
        case .allowed(_, _, let diagnostics): return diagnostics
        case .denied(let reason): return [.reason(reason)]
        case .failed(let detail): return [.evaluationConflict(detail: detail)]
        }
    }

    /// The deny reason, when the contract denied with one.
    public var denyReason: DenyReason? {
        if case .denied(let reason) = outcome { return reason }
        return nil
    }

    /// The result object exactly as the contract returns it:
    /// `{"decision", "evaluation_status", "determining_policies": [{"policy": P}], "diagnostics"}`.
    public var resultValue: RegoValue {
        .object([
            "decision": .string(verdict.rawValue),
            "evaluation_status": .string(evaluationStatus.rawValue),
            "determining_policies": .array(determiningPolicies.map { .object(["policy": .string($0)]) }),
            "diagnostics": .array(diagnostics.map(\.regoValue)),
        ])
    }
}
