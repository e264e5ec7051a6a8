import CaracalRuntime
import Foundation
import Manifest
import Planner
import Reconciler
import Testing

/// Applies against `serve --fault-rate 0.2` (503 before and after writes, dropped
/// connections): at most three applies reach a clean plan, and nothing exists twice (SPEC §5).
@Suite struct FaultToleranceTests {
    @Test(arguments: 1...6 as ClosedRange<UInt64>)
    func appliesConvergeWithoutDuplicates(seed: UInt64) async throws {
        let serve = try ServeFixture.start(faultRate: 0.2, faultSeed: seed)
        do {
            let desired = try ExampleManifests.all()
            let remote = serve.remote()
            var applies = 0
            var clean = false
            while applies <= 3 {
                let (plan, live) = try await PlanBuilder(desired: desired).plan(against: remote)
                if !plan.hasChanges {
                    clean = true
                    break
                }
                guard applies < 3 else { break }
                _ = await PlanExecutor().apply(plan, desired: desired, live: live, runtime: remote)
                applies += 1
            }
            #expect(clean, "seed \(seed): still changes after \(applies) applies")

            // Every kind in every zone, read without faults: each identity once.
            var identities: [String] = []
            for zone in try await serve.runtime.list(.zone, zoneID: nil) {
                identities.append("Zone/\(zone.identity)")
                for kind in [ManifestKind.provider, .application, .resource, .policy, .policySet] {
                    identities += try await serve.runtime.list(kind, zoneID: zone.id).map { "\(kind.rawValue)/\(zone.identity)/\($0.identity)" }
                }
            }
            #expect(identities.count == Set(identities).count, "seed \(seed): \(identities.sorted())")
            #expect(identities.count == desired.objects.count)
        } catch {
            Issue.record(error)
        }
        await serve.stop()
    }
}
