import Manifest

/// One change a plan makes to one object.
public struct PlanChange: Sendable, Hashable {
    /// What happens to the object.
    public enum Action: String, Sendable, Hashable, CaseIterable {
        case create
        case update
        case delete
        /// A policy gets a new immutable version because its content changed.
        case newVersion = "new-version"
        /// A policy set gets a new version from its policies, which is then activated.
        case activate
    }

    public var address: ObjectAddress
    public var action: Action
    /// The live object's id, when it exists.
    public var liveID: String?
    /// The live zone's id, when the zone exists.
    public var zoneID: String?
    /// The fields that change, in a fixed order.
    public var fields: [FieldChange]
    /// The changes that must finish first.
    public var dependsOn: [ObjectAddress]
    /// Things the reviewer should know that are not applied (create-only fields, hidden values).
    public var notes: [String]

    public init(
        address: ObjectAddress, action: Action, liveID: String? = nil, zoneID: String? = nil,
        fields: [FieldChange] = [], dependsOn: [ObjectAddress] = [], notes: [String] = []
    ) {
        self.address = address
        self.action = action
        self.liveID = liveID
        self.zoneID = zoneID
        self.fields = fields
        self.dependsOn = dependsOn
        self.notes = notes
    }

    /// A stable key for this change: an object can have an `activate` as well as a `create`.
    public var key: String { "\(address)#\(action.rawValue)" }
}
