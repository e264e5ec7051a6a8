/// The contract's allow paths (decision contract §4).
public enum AllowPath: String, Sendable, Hashable, CaseIterable {
    /// A1: an owner bootstraps an agent (`caracal-bootstrap`).
    case bootstrap = "A1"
    /// A2: a narrowed, confined mint that a role of the owner allows (`caracal-<application>-mint`).
    case mint = "A2"
    /// A3: a workload's credential injection (`caracal-workload-mint`).
    case workload = "A3"
    /// A4: using a presented mandate on its target (`caracal-<application>-use`).
    case use = "A4"
}
