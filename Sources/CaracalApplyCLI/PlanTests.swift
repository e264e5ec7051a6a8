import CaracalRuntimeEmbedded
import Manifest
import Planner

/// The tests of every policy set a plan would give a new version, run against the desired
/// state with the live ids of objects that exist and placeholders for the rest.
struct PlanTests {
    let plan: Plan
    let live: LiveState
    let desired: DesiredState

    func run() -> [PolicyTestResult] {
        let sets = Set(plan.changes.filter { $0.action == .activate }.map(\.address))
        guard !sets.isEmpty else { return [] }
        return DesiredStateTests(desired: desired).run(only: sets) { zone in
            let placeholders = PolicyTestRunner.IDs.placeholders(zone: zone)
            let applications = Dictionary(live.objects(.application, zone: zone).map { ($0.identity, $0.id) }, uniquingKeysWith: { first, _ in first })
            let resources = Dictionary(live.objects(.resource, zone: zone).map { ($0.identity, $0.id) }, uniquingKeysWith: { first, _ in first })
            return PolicyTestRunner.IDs(
                application: { applications[$0] ?? placeholders.application($0) },
                zone: live.zones[zone]?.id ?? placeholders.zone,
                resource: { resources[$0] ?? placeholders.resource($0) })
        }
    }
}
