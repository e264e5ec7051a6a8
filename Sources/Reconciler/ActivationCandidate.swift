import Manifest

/// A policy-set version about to be activated, for the test gate to check first (SPEC §5).
public struct ActivationCandidate: Sendable {
    public var address: ObjectAddress
    public var zoneID: String
    public var policySetID: String
    public var versionID: String
    /// The version's data rules, merged in set order, as the runtime will evaluate them.
    public var policyContents: [String]

    public init(address: ObjectAddress, zoneID: String, policySetID: String, versionID: String, policyContents: [String]) {
        self.address = address
        self.zoneID = zoneID
        self.policySetID = policySetID
        self.versionID = versionID
        self.policyContents = policyContents
    }
}

/// The test gate's verdict on an activation.
public enum GateDecision: Sendable {
    case proceed
    /// Do not activate; the reason names the failing tests.
    case block(reason: String)
}
