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
            .live(zone: zone, zoneID: live.zones[zone]?.id,
                  applications: live.objects(.application, zone: zone), resources: live.objects(.resource, zone: zone))
        }
    }
}
