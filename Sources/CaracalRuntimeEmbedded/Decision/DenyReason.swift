/// Why the contract denied a request (decision contract §5), in the order it checks them.
public enum DenyReason: String, Sendable, Hashable, CaseIterable {
    /// The zone's `restrict` rule has an element.
    case restrictionActive = "restriction_active"
    /// A mint attempt met a malformed `risk` rule.
    case malformedRiskData = "malformed_risk_data"
    /// A mint attempt met malformed `approval_tiers` (with well-formed `risk`).
    case malformedApprovalData = "malformed_approval_data"
    /// The principal does not own the resource it mints for or uses.
    case resourceNotGranted = "resource_not_granted"
    /// A requested scope lies outside the delegation edge.
    case delegationScopeExceeded = "delegation_scope_exceeded"
    /// A confinement rule fires for a label and a requested scope lies outside it.
    case confinementViolation = "confinement_violation"
    /// No role of the principal's labels covers every requested or presented scope.
    case roleScopeMismatch = "role_scope_mismatch"
    /// The presented mandate's target does not include the resource.
    case mandateTargetMismatch = "mandate_target_mismatch"
    /// Neither an allow path nor a specific reason holds.
    case noRuleMatched = "no_rule_matched"
}
