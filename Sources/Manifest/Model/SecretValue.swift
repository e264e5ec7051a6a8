/// A provider secret: the reference the manifest wrote and the value it resolved to.
///
/// The value is only reachable through ``revealedValue`` for the one call that sends it to a
/// runtime. Printing, interpolating or dumping a `SecretValue` shows `(sensitive)`, and its
/// equality compares references only, so secrets never leak into plans or diagnostics.
public struct SecretValue: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The reference as written, such as `${env:PIPERNET_KEY}`; safe to print and to record.
    public let reference: String
    private let value: String

    public init(reference: String, value: String) {
        self.reference = reference
        self.value = value
    }

    /// The resolved secret. Call only to hand it to a runtime or to hash it.
    public var revealedValue: String { value }

    public var description: String { "(sensitive)" }
    public var debugDescription: String { "(sensitive)" }
    public var customMirror: Mirror { Mirror(self, children: ["reference": reference]) }

    public static func == (lhs: SecretValue, rhs: SecretValue) -> Bool { lhs.reference == rhs.reference }
    public func hash(into hasher: inout Hasher) { hasher.combine(reference) }
}
