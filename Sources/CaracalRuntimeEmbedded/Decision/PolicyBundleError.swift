/// Two policies of one policy set define the same data rule.
public struct PolicyBundleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The Admin API error code, `invalid_policy_bundle`.
    public let code = "invalid_policy_bundle"
    /// The rule defined twice.
    public let rule: String
    /// The policy that defined the rule first.
    public let firstPolicy: String
    /// The policy that defined it again.
    public let secondPolicy: String

    /// A duplicate-rule error.
    public init(rule: String, firstPolicy: String, secondPolicy: String) {
        self.rule = rule
        self.firstPolicy = firstPolicy
        self.secondPolicy = secondPolicy
    }

    public var description: String {
        "invalid_policy_bundle: rule '\(rule)' is defined by both policy '\(firstPolicy)' and policy '\(secondPolicy)'; "
            + "each rule may be defined only once per policy set."
    }
}
