/// An Application's desired state (SPEC §3). Registration is always `managed`.
public struct ApplicationSpec: Sendable, Hashable {
    /// The traits, compared as a set; `nil` when the manifest leaves them out.
    public var traits: [String]?

    public init(traits: [String]? = nil) {
        self.traits = traits
    }
}
