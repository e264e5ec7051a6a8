import Manifest

/// Something a reviewer should know about an object that the plan does not change.
public struct PlanNote: Sendable, Hashable {
    public var address: ObjectAddress
    /// A whole sentence.
    public var message: String

    public init(address: ObjectAddress, message: String) {
        self.address = address
        self.message = message
    }
}
