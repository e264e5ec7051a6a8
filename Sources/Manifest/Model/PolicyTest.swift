/// A policy test: a request, or a raw policy input, and the decision it must get (SPEC §7).
public struct PolicyTest: Sendable, Hashable {
    /// What the test sends.
    public enum Input: Sendable, Hashable {
        /// A request built from people-friendly fields.
        case request(TestRequest)
        /// A raw policy input document.
        case raw(RegoValue)
    }

    public var name: String
    public var input: Input
    public var expect: TestExpectation
    /// Where the test is declared.
    public var location: SourceLocation

    public init(name: String, input: Input, expect: TestExpectation, location: SourceLocation) {
        self.name = name
        self.input = input
        self.expect = expect
        self.location = location
    }

    public static func == (lhs: PolicyTest, rhs: PolicyTest) -> Bool {
        lhs.name == rhs.name && lhs.input == rhs.input && lhs.expect == rhs.expect
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(input)
        hasher.combine(expect)
    }
}

/// The people-friendly request fields that build a policy input (`decide` flags and tests).
public struct TestRequest: Sendable, Hashable {
    /// The kind of token exchange the request makes.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case mint
        case use
        case bootstrap
        case workload
    }

    /// An Application's `metadata.name` in the zone, or `nil` when ``principalID`` is given.
    public var application: String?
    public var principalID: String?
    public var labels: [String]
    public var resource: String
    public var scopes: [String]
    /// The delegation edge's scopes; `nil` means the same as ``scopes``.
    public var delegationScopes: [String]?
    public var kind: Kind

    public init(
        application: String? = nil, principalID: String? = nil, labels: [String] = [], resource: String,
        scopes: [String], delegationScopes: [String]? = nil, kind: Kind = .mint
    ) {
        self.application = application
        self.principalID = principalID
        self.labels = labels
        self.resource = resource
        self.scopes = scopes
        self.delegationScopes = delegationScopes
        self.kind = kind
    }
}

/// What a policy test expects.
public struct TestExpectation: Sendable, Hashable {
    /// `allow` or `deny`.
    public enum Decision: String, Sendable, Hashable, CaseIterable {
        case allow
        case deny
    }

    public var decision: Decision
    /// The determining policy an allow must name, such as `caracal-pipernet-mint`.
    public var policy: String?
    /// The deny reason, such as `role_scope_mismatch`.
    public var reason: String?
    /// The step-up tiers an allow must require, in order.
    public var stepUp: [String]?

    public init(decision: Decision, policy: String? = nil, reason: String? = nil, stepUp: [String]? = nil) {
        self.decision = decision
        self.policy = policy
        self.reason = reason
        self.stepUp = stepUp
    }
}
