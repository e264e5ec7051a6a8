/// Every change's outcome after an apply.
public struct ApplyReport: Sendable {
    public var outcomes: [ChangeOutcome]

    public init(outcomes: [ChangeOutcome]) {
        self.outcomes = outcomes
    }

    /// Whether any change failed or was skipped because of a failure.
    public var hasFailures: Bool {
        outcomes.contains { outcome in
            switch outcome.status {
            case .failed, .skipped: return true
            case .succeeded, .blocked: return false
            }
        }
    }

    /// Whether a policy set's tests blocked an activation.
    public var testsBlocked: Bool {
        outcomes.contains { if case .blocked = $0.status { return true } else { return false } }
    }

    /// `Apply complete: 4 changed, 1 failed, 1 skipped.`
    public var summaryLine: String {
        var succeeded = 0, failed = 0, skipped = 0, blocked = 0
        for outcome in outcomes {
            switch outcome.status {
            case .succeeded: succeeded += 1
            case .failed: failed += 1
            case .skipped: skipped += 1
            case .blocked: blocked += 1
            }
        }
        var parts = ["\(succeeded) changed"]
        if failed > 0 { parts.append("\(failed) failed") }
        if skipped > 0 { parts.append("\(skipped) skipped") }
        if blocked > 0 { parts.append("\(blocked) activation\(blocked == 1 ? "" : "s") blocked by failing tests") }
        let verdict = failed + skipped + blocked == 0 ? "Apply complete" : "Apply finished with problems"
        return "\(verdict): \(parts.joined(separator: ", "))."
    }
}
