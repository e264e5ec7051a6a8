import CaracalRuntime
import Manifest
import Planner
import Reconciler
import TestSupport
import Testing
@testable import CaracalRuntimeEmbedded

/// The core promises of SPEC §5, over 200 random manifest sets each.
struct ApplyPropertyTests {
    static let seeds = Array(UInt64(1)...200)

    @Test(arguments: seeds)
    func applyThenPlanShowsNothingAndASecondApplyWritesNothing(seed: UInt64) async throws {
        let manifests = RandomManifests(seed: seed)
        let loaded = manifests.load()
        #expect(!loaded.hasErrors, "seed \(seed): \(loaded.diagnostics)")
        let harness = try Harness()
        defer { harness.remove() }
        let report = try #require(try await harness.apply(loaded.desired))
        #expect(!report.hasFailures, "seed \(seed): \(report.outcomes.map(\.line))")
        let after = try await harness.plan(loaded.desired)
        #expect(after.changes.map(\.address) == [], "seed \(seed)")
        let before = harness.directory.contents()
        let second = try await harness.apply(loaded.desired)
        #expect(second == nil, "seed \(seed): the second apply planned changes")
        let after2 = harness.directory.contents()
        let changed = Set(before.keys).union(after2.keys).filter { before[$0] != after2[$0] }.sorted()
        #expect(changed == [], "seed \(seed): the second apply changed the state files")
        #expect(try await harness.inventory().count == manifests.objectCount)
    }

    @Test(arguments: seeds)
    func aRandomEditPlansExactlyTheEditedObjects(seed: UInt64) async throws {
        var manifests = RandomManifests(seed: seed)
        let harness = try Harness()
        defer { harness.remove() }
        try await harness.apply(manifests.load().desired)
        var random = SplitMix64(seed: seed &* 31)
        let edited = manifests.edit(using: &random)
        let plan = try await harness.plan(manifests.load().desired)
        #expect(Set(plan.changes.map(\.address)) == edited, "seed \(seed): \(plan.changes.map { "\($0.action.rawValue) \($0.address)" })")
        // Reading each zone and planning it at once gives the plan of reading everything first.
        #expect(try await harness.planAfterReading(manifests.load().desired) == plan, "seed \(seed)")
        let report = try #require(try await harness.apply(manifests.load().desired))
        #expect(!report.hasFailures, "seed \(seed): \(report.outcomes.map(\.line))")
        #expect(try await harness.plan(manifests.load().desired).changes.isEmpty, "seed \(seed)")
    }

    @Test(arguments: seeds)
    func anInterruptedApplyConvergesWithNothingDuplicated(seed: UInt64) async throws {
        let manifests = RandomManifests(seed: seed)
        let desired = manifests.load().desired
        let reference = try Harness()
        defer { reference.remove() }
        try await reference.apply(desired)

        let harness = try Harness()
        defer { harness.remove() }
        var random = SplitMix64(seed: seed ^ 0xDEAD)
        let writes = Int.random(in: 0...(manifests.objectCount + 2), using: &random)
        let runtime = try harness.open()
        let crashing = CrashingRuntime(base: runtime, budget: .init(writes))
        let (plan, live) = try await PlanBuilder(desired: desired).plan(against: runtime)
        _ = await PlanExecutor().apply(plan, desired: desired, live: live, runtime: crashing)
        // The process "dies": nothing is compacted, the lock is simply gone.
        await runtime.abandonWithoutCheckpoint()

        let report = try await harness.apply(desired)
        #expect(report?.hasFailures != true, "seed \(seed) after \(writes) writes: \(report?.outcomes.map(\.line) ?? [])")
        #expect(try await harness.plan(desired).changes.isEmpty, "seed \(seed) after \(writes) writes")
        let inventory = try await harness.inventory()
        #expect(inventory == (try await reference.inventory()), "seed \(seed) after \(writes) writes")
        #expect(Set(inventory).count == inventory.count, "seed \(seed): an object exists twice")
    }
}
