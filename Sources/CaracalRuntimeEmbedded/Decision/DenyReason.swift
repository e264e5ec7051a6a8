/// Why the contract denied a request (decision contract §5), in the order it checks them.
public enum DenyReason: String, Sendable, Hashable, CaseIterable {
    case restrictionActive = "restriction_active"
    case malformedRiskData = "malformed_risk_data"
    case malformedApprovalData = "malformed_approval_data"
    case resourceNotGranted = "resource_not_granted"
    case delegationScopeExceeded = "delegation_scope_exceeded"
    case confinementViolation = "confinement_violation"
    case roleScopeMismatch = "role_scope_mismatch"
    case mandateTargetMismatch = "mandate_target_mismatch"
    case noRuleMatched = "no_rule_matched"
}
