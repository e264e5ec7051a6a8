import Manifest

/// Runs a policy set's tests against a bundle, the way the platform would decide them (SPEC §7).
public struct PolicyTestRunner: Sendable {
    /// The ids tests and `app_ids` use, by kind and name in the set's zone.
    public struct IDs: Sendable {
        /// An Application's id by name: live, or a placeholder for one not created yet.
        public var application: @Sendable (String) -> String
        /// The zone's id, or a placeholder.
        public var zone: String
        /// A Resource's id by identifier, or a placeholder.
        public var resource: @Sendable (String) -> String

        public init(application: @escaping @Sendable (String) -> String, zone: String, resource: @escaping @Sendable (String) -> String) {
            self.application = application
            self.zone = zone
            self.resource = resource
        }

        /// Placeholders for everything: the desired state with nothing applied yet.
        public static func placeholders(zone: String) -> IDs {
            IDs(application: { PolicyData.placeholderID(zone: zone, application: $0) },
                zone: "pending:\(zone)", resource: { "pending:\(zone)/\($0)" })
        }
    }

    public init() {}

    /// The bundle a set's policies make in the desired state, in set order.
    ///
    /// - Throws: `invalid_policy_bundle` when two policies define the same rule.
    public func bundle(for set: ObjectAddress, in desired: DesiredState, ids: IDs) throws(PolicyBundleError) -> PolicyBundle {
        guard case .policySet(let spec)? = desired.object(at: set)?.spec else { return .empty }
        let documents = spec.policies.compactMap { name -> PolicyBundle.Document? in
            guard case .policy(let policy)? = desired.object(at: ObjectAddress(kind: .policy, zone: set.zone, name: name))?.spec else { return nil }
            return PolicyBundle.Document(policy: name, rules: policy.dataRules(applicationID: ids.application))
        }
        return try PolicyBundle(documents: documents)
    }

    /// Runs the tests of the set at `set` against `bundle`.
    public func run(_ tests: [PolicyTest], of set: ObjectAddress, bundle: PolicyBundle, ids: IDs) -> [PolicyTestResult] {
        let engine = DecisionEngine(bundle: bundle)
        return tests.map { test in
            let decision = engine.decide(input(for: test, ids: ids), explain: true)
            return PolicyTestResult(set: set, test: test, decision: decision, mismatches: Self.mismatches(test.expect, decision))
        }
    }

    /// The policy input a test sends: its raw input, or the input its request builds with `ids`.
    public func input(for test: PolicyTest, ids: IDs) -> RegoValue {
        switch test.input {
        case .raw(let value):
            return value
        case .request(let request):
            let principal = request.principalID ?? request.application.map(ids.application) ?? ""
            return request.policyInput(principalID: principal, zoneID: ids.zone, resourceID: ids.resource(request.resource))
        }
    }

    static func mismatches(_ expect: TestExpectation, _ decision: Decision) -> [String] {
        var problems: [String] = []
        if decision.verdict.rawValue != expect.decision.rawValue {
            problems.append("decision is \(decision.verdict.rawValue), expected \(expect.decision.rawValue)")
        }
        if let policy = expect.policy, decision.determiningPolicies != [policy] {
            problems.append("determining policy is \(decision.determiningPolicies.first ?? "none"), expected \(policy)")
        }
        if let reason = expect.reason {
            let got: String
            switch decision.outcome {
            case .denied(let denied): got = denied.rawValue
            case .failed: got = "evaluation_conflict"
            case .allowed: got = "none"
            }
            if got != reason { problems.append("reason is \(got), expected \(reason)") }
        }
        if let tiers = expect.stepUp {
            let got = PolicyTestResult.stepUpTiers(decision.diagnostics)
            if got != tiers { problems.append("step-up tiers are [\(got.joined(separator: ", "))], expected [\(tiers.joined(separator: ", "))]") }
        }
        return problems
    }
}
