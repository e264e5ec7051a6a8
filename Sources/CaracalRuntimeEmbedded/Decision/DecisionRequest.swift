import Manifest

/// A policy input with the fields the decision contract reads already picked out.
///
/// `DecisionEngine.decide(_:explain:)` builds one from a `RegoValue` on every call; build it
/// once instead when the same input is decided repeatedly. Copying a request is cheap: its
/// parts are shared, not copied.
public struct DecisionRequest: Sendable {
    /// The input and its fields, in one shared box so that a copy costs one reference count
    /// instead of one for every field.
    final class Storage: Sendable {
        let input: RegoValue
        let fields: PolicyInput<RegoValue>
        /// The same fields without reference counting, when they can be flattened.
        let flattened: FlattenedInput?

        init(_ input: RegoValue) {
            self.input = input
            self.fields = PolicyInput(input)
            self.flattened = FlattenedInput(fields)
        }
    }

    let storage: Storage

    /// The policy input as given.
    public var input: RegoValue { storage.input }

    /// Reads `input` (`caracal-policy-input-2026-05-20`).
    public init(_ input: RegoValue) {
        storage = Storage(input)
    }
}
