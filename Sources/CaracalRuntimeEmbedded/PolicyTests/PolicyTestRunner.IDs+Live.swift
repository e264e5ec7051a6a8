import CaracalRuntime
import Manifest

extension PolicyTestRunner.IDs {
    /// The live ids of a zone's applications (by name) and resources (by identifier), with
    /// placeholders for those not created yet.
    public static func live(zone: String, zoneID: String?, applications: [LiveObject], resources: [LiveObject]) -> Self {
        let placeholders = Self.placeholders(zone: zone)
        let applicationIDs = Dictionary(applications.map { ($0.identity, $0.id) }, uniquingKeysWith: { first, _ in first })
        let resourceIDs = Dictionary(resources.map { ($0.identity, $0.id) }, uniquingKeysWith: { first, _ in first })
        return Self(
            application: { applicationIDs[$0] ?? placeholders.application($0) },
            zone: zoneID ?? placeholders.zone,
            resource: { resourceIDs[$0] ?? placeholders.resource($0) })
    }
}
