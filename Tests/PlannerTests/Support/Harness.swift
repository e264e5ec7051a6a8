import CaracalRuntime
import Foundation
import Manifest
import Planner
import Reconciler
import TestSupport
@testable import CaracalRuntimeEmbedded

/// Plans and applies against an embedded runtime in a temporary folder, as `apply` does.
struct Harness {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    var stateDirectory: String { directory.file("state") }

    func open(readOnly: Bool = false) throws -> EmbeddedRuntime {
        try EmbeddedRuntime.open(directory: stateDirectory, options: .init(readOnly: readOnly))
    }

    /// Plans against the state as it is now.
    func plan(_ desired: DesiredState, mode: PlanBuilder.Mode = .apply) async throws -> Plan {
        let runtime = try open(readOnly: true)
        let (plan, _) = try await PlanBuilder(desired: desired, mode: mode).plan(against: runtime)
        try await runtime.close()
        return plan
    }

    /// Plans against live state read in full before planning, as `PlanBuilder.plan(live:runtime:)` takes it.
    func planAfterReading(_ desired: DesiredState) async throws -> Plan {
        let runtime = try open(readOnly: true)
        let live = try await LiveState.read(desired, from: runtime)
        let plan = try await PlanBuilder(desired: desired).plan(live: live, runtime: runtime)
        try await runtime.close()
        return plan
    }

    /// Plans and applies, then closes the runtime; returns the report (`nil` when there was nothing to do).
    @discardableResult
    func apply(_ desired: DesiredState, mode: PlanBuilder.Mode = .apply) async throws -> ApplyReport? {
        let runtime = try open()
        let (plan, live) = try await PlanBuilder(desired: desired, mode: mode).plan(against: runtime)
        var report: ApplyReport?
        if plan.hasChanges {
            report = await PlanExecutor().apply(plan, desired: desired, live: live, runtime: runtime)
        }
        try await runtime.close()
        return report
    }

    /// Every live object's kind, zone slug and identity, sorted, duplicates kept.
    func inventory() async throws -> [String] {
        let runtime = try open(readOnly: true)
        var result: [String] = []
        for zone in try await runtime.list(.zone, zoneID: nil) {
            result.append("Zone/\(zone.identity)")
            for kind in [ManifestKind.provider, .application, .resource, .policy, .policySet] {
                for object in try await runtime.list(kind, zoneID: zone.id) {
                    result.append("\(kind.rawValue)/\(zone.identity)/\(object.identity)")
                }
            }
        }
        try await runtime.close()
        return result.sorted()
    }

    func remove() { directory.remove() }
}

/// A runtime that fails every call after a number of writes, like a process that dies.
struct CrashingRuntime<Base: Runtime>: Runtime {
    let base: Base
    let budget: WriteBudget

    var identity: String { base.identity }

    /// How many writes may still succeed.
    actor WriteBudget {
        var remaining: Int
        init(_ writes: Int) { remaining = writes }

        func spend() throws(RuntimeError) {
            guard remaining > 0 else { throw RuntimeError(status: 0, code: "crashed", message: "The process died.") }
            remaining -= 1
        }

        func check() throws(RuntimeError) {
            guard remaining > 0 else { throw RuntimeError(status: 0, code: "crashed", message: "The process died.") }
        }
    }

    func list(_ kind: ManifestKind, zoneID: String?) async throws(RuntimeError) -> [LiveObject] {
        try await budget.check(); return try await base.list(kind, zoneID: zoneID)
    }
    func get(_ kind: ManifestKind, id: String, zoneID: String?) async throws(RuntimeError) -> LiveObject {
        try await budget.check(); return try await base.get(kind, id: id, zoneID: zoneID)
    }
    func create(_ kind: ManifestKind, zoneID: String?, body: [String: RegoValue]) async throws(RuntimeError) -> LiveObject {
        try await budget.spend(); return try await base.create(kind, zoneID: zoneID, body: body)
    }
    func patch(_ kind: ManifestKind, id: String, zoneID: String?, body: [String: RegoValue]) async throws(RuntimeError) -> LiveObject {
        try await budget.spend(); return try await base.patch(kind, id: id, zoneID: zoneID, body: body)
    }
    func delete(_ kind: ManifestKind, id: String, zoneID: String?) async throws(RuntimeError) {
        try await budget.spend(); try await base.delete(kind, id: id, zoneID: zoneID)
    }
    func addPolicyVersion(zoneID: String, policyID: String, content: String) async throws(RuntimeError) -> LiveObject {
        try await budget.spend(); return try await base.addPolicyVersion(zoneID: zoneID, policyID: policyID, content: content)
    }
    func addPolicySetVersion(zoneID: String, policySetID: String, policyVersionIDs: [String]) async throws(RuntimeError) -> LiveObject {
        try await budget.spend(); return try await base.addPolicySetVersion(zoneID: zoneID, policySetID: policySetID, policyVersionIDs: policyVersionIDs)
    }
    func policySetVersion(zoneID: String, policySetID: String, versionID: String) async throws(RuntimeError) -> LiveObject {
        try await budget.check(); return try await base.policySetVersion(zoneID: zoneID, policySetID: policySetID, versionID: versionID)
    }
    func activate(zoneID: String, policySetID: String, versionID: String) async throws(RuntimeError) -> LiveObject {
        try await budget.spend(); return try await base.activate(zoneID: zoneID, policySetID: policySetID, versionID: versionID)
    }
    func activationStatus(zoneID: String, policySetID: String, versionID: String, outboxID: String?) async throws(RuntimeError) -> LiveObject {
        try await budget.check(); return try await base.activationStatus(zoneID: zoneID, policySetID: policySetID, versionID: versionID, outboxID: outboxID)
    }
    func simulate(zoneID: String, policySetID: String, versionID: String, input: RegoValue?) async throws(RuntimeError) -> LiveObject {
        try await budget.check(); return try await base.simulate(zoneID: zoneID, policySetID: policySetID, versionID: versionID, input: input)
    }
    func secretsMatch(zoneID: String, providerID: String, secrets: [String: String]) async throws(RuntimeError) -> Bool? {
        try await budget.check(); return try await base.secretsMatch(zoneID: zoneID, providerID: providerID, secrets: secrets)
    }
}
