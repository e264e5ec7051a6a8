import Manifest

/// A requested scope and the risk tier the data gives it.
public struct RiskAssessment: Sendable, Hashable {
    /// The requested scope.
    public var scope: String
    /// Its tier from the `risk` rules.
    public var tier: String

    /// An assessment of one scope.
    public init(scope: String, tier: String) {
        self.scope = scope
        self.tier = tier
    }

    /// `{"scope":s,"tier":t}`.
    public var regoValue: RegoValue {
        .object(["scope": .string(scope), "tier": .string(tier)])
    }
}
