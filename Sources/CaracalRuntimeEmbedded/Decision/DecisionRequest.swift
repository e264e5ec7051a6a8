import Manifest

/// A policy input with the fields the decision contract reads already picked out.
///
/// `DecisionEngine.decide(_:explain:)` builds one from a `RegoValue` on every call; build it
/// once instead when the same input is decided repeatedly.
public struct DecisionRequest: Sendable {
    /// The policy input as given.
    public let input: RegoValue
    let fields: PolicyInput

    /// Reads `input` (`caracal-policy-input-2026-05-20`).
    public init(_ input: RegoValue) {
        self.input = input
        self.fields = PolicyInput(input)
    }
}
