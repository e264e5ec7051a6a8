import Manifest

/// One entry of a decision's `diagnostics` list.
public enum DecisionDiagnostic: Sendable, Hashable {
    /// `{"step_up_required":{"type":"human_approval","tiers":T}}`: the matching approval-tier
    /// declarations exactly as written, distinct and in Rego order.
    case stepUpRequired(tiers: [RegoValue])
    /// `{"risk":R}`: each requested scope that has a risk tier, sorted by scope.
    case risk([RiskAssessment])
    /// `{"reason":R}`: why the request was denied.
    case reason(DenyReason)
    /// `{"reason":"evaluation_conflict","detail":D}`: the contract could not decide.
    case evaluationConflict(detail: String)

    /// The diagnostic as the contract writes it.
    public var regoValue: RegoValue {
        switch self {
        case .stepUpRequired(let tiers):
            return .object([
                "step_up_required": .object(["type": .string("human_approval"), "tiers": .array(tiers)]),
            ])
        case .risk(let assessments):
            return .object(["risk": .array(assessments.map(\.regoValue))])
        case .reason(let reason):
            return .object(["reason": .string(reason.rawValue)])
        case .evaluationConflict(let detail):
            return .object(["reason": .string("evaluation_conflict"), "detail": .string(detail)])
        }
    }
}
