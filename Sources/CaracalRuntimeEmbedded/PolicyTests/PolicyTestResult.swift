import Manifest

/// One policy test's outcome: what it expected, what Caracal would decide, and why.
public struct PolicyTestResult: Sendable {
    /// The set the test belongs to.
    public var set: ObjectAddress
    public var test: PolicyTest
    /// The decision, with its trace.
    public var decision: Decision
    /// What did not match the expectation; empty when the test passed.
    public var mismatches: [String]

    public init(set: ObjectAddress, test: PolicyTest, decision: Decision, mismatches: [String]) {
        self.set = set
        self.test = test
        self.decision = decision
        self.mismatches = mismatches
    }

    public var passed: Bool { mismatches.isEmpty }

    /// `deny (role_scope_mismatch)` or `allow by caracal-reporter-mint, step-up [high]`.
    public var got: String {
        switch decision.outcome {
        case .allowed(_, let policy, let diagnostics):
            let tiers = Self.stepUpTiers(diagnostics)
            return "allow by \(policy)" + (tiers.isEmpty ? "" : ", step-up [\(tiers.joined(separator: ", "))]")
        case .denied(let reason):
            return "deny (\(reason.rawValue))"
        case .failed(let detail):
            return "deny (evaluation_conflict: \(detail))"
        }
    }

    /// The expectation, written the same way as ``got``.
    public var expected: String {
        let expect = test.expect
        var text = expect.decision.rawValue
        if let policy = expect.policy { text += " by \(policy)" }
        if let reason = expect.reason { text += " (\(reason))" }
        if let tiers = expect.stepUp { text += ", step-up [\(tiers.joined(separator: ", "))]" }
        return text
    }

    /// The tier names a decision's step-up diagnostic asks for, in order.
    static func stepUpTiers(_ diagnostics: [DecisionDiagnostic]) -> [String] {
        for diagnostic in diagnostics {
            if case .stepUpRequired(let tiers) = diagnostic {
                return tiers.compactMap { $0["tier"]?.stringValue }
            }
        }
        return []
    }
}
