extension ManifestDecoder {
    static let policySetFields = ["policies", "activate", "description", "tests"]
    static let testFields = ["name", "request", "input", "expect"]
    static let requestFields = ["application", "principal_id", "labels", "resource", "scopes", "delegation_scopes", "kind"]
    static let expectFields = ["decision", "policy", "reason", "step_up"]
    /// Every deny reason the decision contract can give.
    public static let denyReasons = [
        "restriction_active", "malformed_risk_data", "malformed_approval_data", "resource_not_granted",
        "delegation_scope_exceeded", "confinement_violation", "role_scope_mismatch", "mandate_target_mismatch",
        "no_rule_matched", "evaluation_conflict",
    ]

    func decodePolicySet(_ node: YAMLNode, context: inout DecodingContext) -> PolicySetSpec? {
        guard let fields = context.fields(of: node, path: "spec", allowed: Self.policySetFields, required: ["policies"]) else { return nil }
        var spec = PolicySetSpec(policies: [])
        if let policiesNode = fields["policies"], let policies = context.stringList(policiesNode, path: "spec.policies") {
            if policies.isEmpty || policies.count > AdminAPIFormats.policySetPoliciesMax {
                context.error("invalid_value", "'spec.policies' must list 1 to \(AdminAPIFormats.policySetPoliciesMax) policies; it lists \(policies.count).", at: policiesNode.location)
            }
            var seen: Set<String> = []
            for (index, policy) in policies.enumerated() where !seen.insert(policy).inserted {
                context.error("duplicate_value", "Policy '\(policy)' is listed twice; a policy-set version may hold each policy once.", at: context.sourceMap["spec.policies[\(index)]"])
            }
            spec.policies = policies
        }
        spec.activate = fields["activate"].flatMap { context.bool($0, path: "spec.activate") } ?? true
        spec.description = fields["description"].flatMap { context.string($0, path: "spec.description") }
        if let testsNode = fields["tests"], let items = context.items(of: testsNode, path: "spec.tests") {
            var names: [String: Int] = [:]
            for (index, item) in items.enumerated() {
                guard let test = decodeTest(item, path: .item("spec.tests", index), context: &context) else { continue }
                if let first = names[test.name] {
                    context.error("duplicate_value", "Test '\(test.name)' is declared twice in this set; the first is tests[\(first)].", at: item.location)
                }
                names[test.name] = index
                spec.tests.append(test)
            }
        }
        return spec
    }

    private func decodeTest(_ node: YAMLNode, path: FieldPath, context: inout DecodingContext) -> PolicyTest? {
        guard let fields = context.fields(of: node, path: path, allowed: Self.testFields, required: ["name", "expect"]) else { return nil }
        let name = fields["name"].flatMap { context.string($0, path: .member(path, "name")) }
        var input: PolicyTest.Input?
        switch (fields["request"], fields["input"]) {
        case (let request?, nil):
            input = decodeRequest(request, path: .member(path, "request"), context: &context).map(PolicyTest.Input.request)
        case (nil, let raw?):
            if case .mapping = raw.content {
                input = context.regoValue(raw, path: .member(path, "input")).map(PolicyTest.Input.raw)
            } else {
                context.error("wrong_type", "'\(path).input' must be a mapping (a policy input document), not \(YAMLNode.describe(raw)).", at: raw.location)
            }
        case (_?, _?):
            context.error("test_input", "Test \(name.map { "'\($0)'" } ?? "") gives both 'request' and 'input'; give one.", at: context.sourceMap["\(path).input"])
        case (nil, nil):
            context.error("test_input", "Test \(name.map { "'\($0)'" } ?? "") needs 'request' (application, labels, resource, scopes) or a raw 'input'.", at: node.location)
        }
        let expect = fields["expect"].flatMap { decodeExpectation($0, path: .member(path, "expect"), context: &context) }
        guard let name, let input, let expect else { return nil }
        return PolicyTest(name: name, input: input, expect: expect, location: node.location)
    }

    func decodeRequest(_ node: YAMLNode, path: FieldPath, context: inout DecodingContext) -> TestRequest? {
        guard let fields = context.fields(of: node, path: path, allowed: Self.requestFields, required: ["resource", "scopes"]) else { return nil }
        let application = fields["application"].flatMap { context.string($0, path: .member(path, "application")) }
        let principal = fields["principal_id"].flatMap { context.string($0, path: .member(path, "principal_id")) }
        if (application == nil) == (principal == nil), !fields.contains("application") || fields.contains("principal_id") {
            context.error("test_input", "A request names its caller with exactly one of 'application' (an Application's name) or 'principal_id'.", at: node.location)
            return nil
        }
        let labels = fields["labels"].flatMap { context.stringList($0, path: .member(path, "labels")) } ?? []
        let resource = fields["resource"].flatMap { context.string($0, path: .member(path, "resource")) }
        let scopes = fields["scopes"].flatMap { context.stringList($0, path: .member(path, "scopes")) }
        let delegation = fields["delegation_scopes"].flatMap { context.stringList($0, path: .member(path, "delegation_scopes")) }
        var kind = TestRequest.Kind.mint
        if let kindNode = fields["kind"], let text = context.string(kindNode, path: .member(path, "kind")) {
            guard let parsed = TestRequest.Kind(rawValue: text) else {
                let kinds = TestRequest.Kind.allCases.map(\.rawValue)
                context.error("invalid_value", "Request kind '\(text)' is not one of \(kinds.joined(separator: ", "))\(Suggestion.phrase(for: text, in: kinds, otherwise: "."))", at: kindNode.location)
                return nil
            }
            kind = parsed
        }
        guard let resource, let scopes else { return nil }
        return TestRequest(application: application, principalID: principal, labels: labels, resource: resource,
                           scopes: scopes, delegationScopes: delegation, kind: kind)
    }

    private func decodeExpectation(_ node: YAMLNode, path: FieldPath, context: inout DecodingContext) -> TestExpectation? {
        guard let fields = context.fields(of: node, path: path, allowed: Self.expectFields, required: ["decision"]),
              let decisionNode = fields["decision"], let text = context.string(decisionNode, path: .member(path, "decision")) else { return nil }
        guard let decision = TestExpectation.Decision(rawValue: text) else {
            context.error("invalid_value", "'\(path).decision' must be 'allow' or 'deny', not '\(text)'.", at: decisionNode.location)
            return nil
        }
        var expectation = TestExpectation(decision: decision)
        expectation.policy = fields["policy"].flatMap { context.string($0, path: .member(path, "policy")) }
        expectation.stepUp = fields["step_up"].flatMap { context.stringList($0, path: .member(path, "step_up")) }
        if let reasonNode = fields["reason"], let reason = context.string(reasonNode, path: .member(path, "reason")) {
            if !Self.denyReasons.contains(reason) {
                let hint = Suggestion.phrase(for: reason, in: Self.denyReasons, otherwise: "; reasons are \(Self.denyReasons.joined(separator: ", ")).")
                context.error("invalid_value", "'\(reason)' is not a deny reason Caracal gives\(hint)", at: reasonNode.location)
            }
            expectation.reason = reason
        }
        if decision == .allow, let reasonNode = fields["reason"] {
            context.error("invalid_value", "An allow has no reason; remove 'reason' or expect 'deny'.", at: reasonNode.location)
        }
        if decision == .deny, fields.contains("policy") || fields.contains("step_up") {
            let field = fields.contains("policy") ? "policy" : "step_up"
            context.error("invalid_value", "A deny has no '\(field)'; remove it or expect 'allow'.", at: context.sourceMap["\(path).\(field)"])
        }
        return expectation
    }
}
