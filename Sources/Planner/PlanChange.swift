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

    public init(
        address: ObjectAddress, action: Action, liveID: String? = nil, zoneID: String? = nil,
        fields: [FieldChange] = [], dependsOn: [ObjectAddress] = []
    ) {
        self.address = address
        self.action = action
        self.liveID = liveID
        self.zoneID = zoneID
        self.fields = fields
        self.dependsOn = dependsOn
    }

    /// The order in which changes run: deletions first (policy sets before zones), then zones,
    /// providers and applications, resources, policies, policy sets, and activations last.
    public var wave: Int {
        // Providers and applications do not depend on each other, so they share a wave.
        let tier: Int
        switch address.kind {
        case .zone: tier = 0
        case .provider, .application: tier = 1
        case .resource: tier = 2
        case .policy: tier = 3
        case .policySet: tier = 4
        }
        switch action {
        case .delete: return 4 - tier
        case .create, .update, .newVersion: return 5 + tier
        case .activate: return 10
        }
    }
}
