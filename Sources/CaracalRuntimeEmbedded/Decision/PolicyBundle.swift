import Manifest

/// The merged data rules of one policy-set version, which the decision contract reads.
///
/// A rule present with the value `null` or `false` differs from an absent rule: the contract
/// treats an explicit `risk: null` as malformed data but an absent `risk` as no risk rules.
public struct PolicyBundle: Sendable, Hashable {
    /// One policy's data rules, in the order the policy set lists it.
    public struct Document: Sendable, Hashable {
        /// The policy's name.
        public var policy: String
        /// Rule name → value, as the policy's data document defines them.
        public var rules: [String: RegoValue]

        /// A policy's data document.
        public init(policy: String, rules: [String: RegoValue]) {
            self.policy = policy
            self.rules = rules
        }
    }

    /// Rule name → value for every rule some policy in the set defines.
    public var rules: [String: RegoValue]
    /// Rule name → the policy that defined it, when the bundle was built from documents.
    public var definingPolicies: [String: String]
    /// The policy-set version the rules came from, when known.
    public var policySetVersionID: String?
    /// The `manifest_sha256` of that policy-set version, when known.
    public var manifestSHA256: String?

    /// A bundle of already merged rules.
    public init(
        rules: [String: RegoValue],
        policySetVersionID: String? = nil,
        manifestSHA256: String? = nil
    ) {
        self.rules = rules
        self.definingPolicies = [:]
        self.policySetVersionID = policySetVersionID
        self.manifestSHA256 = manifestSHA256
    }

    /// Merges the data documents of a policy set, as Caracal compiles a bundle.
    ///
    /// - Parameters:
    ///   - documents: The policies' rules in the order the policy-set version lists them.
    ///   - policySetVersionID: The policy-set version, for traces and the audit log.
    ///   - manifestSHA256: That version's manifest hash.
    /// - Throws: `PolicyBundleError` (`invalid_policy_bundle`) when two policies define the same rule.
    public init(
        documents: [Document],
        policySetVersionID: String? = nil,
        manifestSHA256: String? = nil
    ) throws(PolicyBundleError) {
        var rules: [String: RegoValue] = [:]
        var definingPolicies: [String: String] = [:]
        for document in documents {
            // Sorted so that the first reported duplicate does not depend on hashing.
            for name in document.rules.keys.sorted() {
                if let first = definingPolicies[name] {
                    throw PolicyBundleError(rule: name, firstPolicy: first, secondPolicy: document.policy)
                }
                definingPolicies[name] = document.policy
                rules[name] = document.rules[name]
            }
        }
        self.rules = rules
        self.definingPolicies = definingPolicies
        self.policySetVersionID = policySetVersionID
        self.manifestSHA256 = manifestSHA256
    }

    /// A bundle that defines no rules: the contract denies everything against it.
    public static let empty = PolicyBundle(rules: [:])
}
