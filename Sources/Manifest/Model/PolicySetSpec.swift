/// A PolicySet's desired state (SPEC §3).
public struct PolicySetSpec: Sendable, Hashable {
    /// Policy names in the zone; the order is part of the version's identity.
    public var policies: [String]
    /// Whether this set is the zone's active one (at most one per zone).
    public var activate: Bool
    /// Create-only in Caracal: a change is reported, never applied.
    public var description: String?
    /// The tests that gate this set's activation.
    public var tests: [PolicyTest]

    public init(policies: [String], activate: Bool = true, description: String? = nil, tests: [PolicyTest] = []) {
        self.policies = policies
        self.activate = activate
        self.description = description
        self.tests = tests
    }
}
