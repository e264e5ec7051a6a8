import CaracalRuntime
import Foundation
import Manifest

/// Wraps a runtime to print each call and its timing on standard error (`-v/--verbose`).
///
/// Only kinds, ids and counts are printed, never request bodies, so no secret can leak.
struct TracingRuntime<Base: Runtime>: Runtime {
    let base: Base
    let log: @Sendable (String) -> Void

    var identity: String { base.identity }

    private func traced<T>(_ call: String, _ work: () async throws(RuntimeError) -> T, describe: (T) -> String = { _ in "ok" }) async throws(RuntimeError) -> T {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let result = try await work()
            log("runtime: \(call) -> \(describe(result)) in \(Self.milliseconds(clock.now - start))")
            return result
        } catch {
            log("runtime: \(call) -> \(error.status) \(error.code) in \(Self.milliseconds(clock.now - start))")
            throw error
        }
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return String(format: "%.1f ms", ms)
    }

    private static func zone(_ zoneID: String?) -> String { zoneID.map { " zone=\($0)" } ?? "" }

    func list(_ kind: ManifestKind, zoneID: String?) async throws(RuntimeError) -> [LiveObject] {
        try await traced("list \(kind.rawValue)\(Self.zone(zoneID))", { () async throws(RuntimeError) in try await base.list(kind, zoneID: zoneID) }, describe: { "\($0.count) objects" })
    }

    func get(_ kind: ManifestKind, id: String, zoneID: String?) async throws(RuntimeError) -> LiveObject {
        try await traced("get \(kind.rawValue) \(id)\(Self.zone(zoneID))", { () async throws(RuntimeError) in try await base.get(kind, id: id, zoneID: zoneID) })
    }

    func create(_ kind: ManifestKind, zoneID: String?, body: [String: RegoValue]) async throws(RuntimeError) -> LiveObject {
        try await traced("create \(kind.rawValue)\(Self.zone(zoneID))", { () async throws(RuntimeError) in try await base.create(kind, zoneID: zoneID, body: body) }, describe: { "id \($0.id)" })
    }

    func patch(_ kind: ManifestKind, id: String, zoneID: String?, body: [String: RegoValue]) async throws(RuntimeError) -> LiveObject {
        try await traced("patch \(kind.rawValue) \(id) fields=\(body.keys.sorted().joined(separator: ","))", { () async throws(RuntimeError) in try await base.patch(kind, id: id, zoneID: zoneID, body: body) })
    }

    func delete(_ kind: ManifestKind, id: String, zoneID: String?) async throws(RuntimeError) {
        try await traced("delete \(kind.rawValue) \(id)\(Self.zone(zoneID))", { () async throws(RuntimeError) in try await base.delete(kind, id: id, zoneID: zoneID) })
    }

    func addPolicyVersion(zoneID: String, policyID: String, content: String) async throws(RuntimeError) -> LiveObject {
        try await traced("add version to Policy \(policyID)", { () async throws(RuntimeError) in try await base.addPolicyVersion(zoneID: zoneID, policyID: policyID, content: content) })
    }

    func addPolicySetVersion(zoneID: String, policySetID: String, policyVersionIDs: [String]) async throws(RuntimeError) -> LiveObject {
        try await traced("add version to PolicySet \(policySetID)", { () async throws(RuntimeError) in try await base.addPolicySetVersion(zoneID: zoneID, policySetID: policySetID, policyVersionIDs: policyVersionIDs) })
    }

    func policySetVersion(zoneID: String, policySetID: String, versionID: String) async throws(RuntimeError) -> LiveObject {
        try await traced("get PolicySet \(policySetID) version \(versionID)", { () async throws(RuntimeError) in try await base.policySetVersion(zoneID: zoneID, policySetID: policySetID, versionID: versionID) })
    }

    func activate(zoneID: String, policySetID: String, versionID: String) async throws(RuntimeError) -> LiveObject {
        try await traced("activate PolicySet \(policySetID) version \(versionID)", { () async throws(RuntimeError) in try await base.activate(zoneID: zoneID, policySetID: policySetID, versionID: versionID) })
    }

    func activationStatus(zoneID: String, policySetID: String, versionID: String, outboxID: String?) async throws(RuntimeError) -> LiveObject {
        try await traced("activation status of PolicySet \(policySetID)", { () async throws(RuntimeError) in try await base.activationStatus(zoneID: zoneID, policySetID: policySetID, versionID: versionID, outboxID: outboxID) }, describe: { $0.string("propagation_status") ?? "?" })
    }

    func simulate(zoneID: String, policySetID: String, versionID: String, input: RegoValue?) async throws(RuntimeError) -> LiveObject {
        try await traced("simulate PolicySet \(policySetID) version \(versionID)", { () async throws(RuntimeError) in try await base.simulate(zoneID: zoneID, policySetID: policySetID, versionID: versionID, input: input) })
    }

    func secretsMatch(zoneID: String, providerID: String, secrets: [String: String]) async throws(RuntimeError) -> Bool? {
        try await traced("compare secrets of Provider \(providerID)", { () async throws(RuntimeError) in try await base.secretsMatch(zoneID: zoneID, providerID: providerID, secrets: secrets) }, describe: { $0.map { $0 ? "same" : "changed" } ?? "unknown" })
    }
}
