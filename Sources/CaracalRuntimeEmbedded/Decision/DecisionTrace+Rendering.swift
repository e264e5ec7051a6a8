import Manifest

extension DecisionTrace {
    /// The trace as text for people: provenance, each fact with what it came from, the path or
    /// reason chosen, and what to change.
    public func renderText() -> String {
        // Appended line by line: `joined` would count every line's characters first.
        var text = ""
        text.reserveCapacity(4096)
        func line(_ parts: String...) {
            for part in parts { text += part }
            text += "\n"
        }
        let decision = Decision(outcome: outcome)
        line("decision: ", decision.verdict.rawValue, " (evaluation_status ", decision.evaluationStatus.rawValue, ")")
        line("policy set version: ", policySetVersionID ?? "(none: data given directly)")
        line("manifest sha256: ", manifestSHA256 ?? "(none)")
        line()
        line("facts:")
        for fact in facts {
            line("  ", fact.name, ": ", fact.holds ? "true" : "false")
            for detail in fact.details { line("    ", detail) }
        }
        line()
        line("chosen: ", conclusion)
        if case .allowed(_, _, let diagnostics) = outcome, !diagnostics.isEmpty {
            line("diagnostics: ", RegoValue.array(diagnostics.map(\.regoValue)).traceText)
        }
        if !suggestions.isEmpty {
            line()
            line("to change the decision:")
            for suggestion in suggestions { line("  - ", suggestion) }
        }
        return text
    }

    /// The trace as a value for `--explain --format json` and the audit log.
    ///
    /// `{"policy_set_version_id", "manifest_sha256", "facts": [...], "conclusion", "suggestions",
    /// and "allow_path" with "determining_policy", or "deny_reason" (with "detail" on errors)}`.
    public var regoValue: RegoValue {
        var members: [String: RegoValue] = [
            "policy_set_version_id": policySetVersionID.map(RegoValue.string) ?? .null,
            "manifest_sha256": manifestSHA256.map(RegoValue.string) ?? .null,
            "facts": .array(facts.map(\.regoValue)),
            "conclusion": .string(conclusion),
            "suggestions": .array(suggestions.map(RegoValue.string)),
        ]
        switch outcome {
        case .allowed(let path, let policy, _):
            members["allow_path"] = .string(path.rawValue)
            members["determining_policy"] = .string(policy)
        case .denied(let reason):
            members["deny_reason"] = .string(reason.rawValue)
        case .failed(let detail):
            members["deny_reason"] = .string("evaluation_conflict")
            members["detail"] = .string(detail)
        }
        return .object(members)
    }
}

extension DecisionTrace.Fact {
    /// `{"name", "holds", "details", "data"}`.
    public var regoValue: RegoValue {
        .object([
            "name": .string(name),
            "holds": .bool(holds),
            "details": .array(details.map(RegoValue.string)),
            "data": .object(data),
        ])
    }
}
