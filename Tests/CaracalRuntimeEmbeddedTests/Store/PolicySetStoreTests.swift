import CaracalRuntime
import Manifest
import Testing
@testable import CaracalRuntimeEmbedded

struct PolicySetStoreTests {
    /// A zone with two policies (grants, risk) and a set; returns their ids and version ids.
    private func fixture(_ runtime: EmbeddedRuntime) async throws -> (zone: String, set: String, grants: String, risk: String) {
        let zone = try await runtime.makeZone("prod")
        let grants = try await runtime.create(.policy, zoneID: zone, body: ["name": .string("g"), "content": .string(dataPolicy("grants"))])
        let risk = try await runtime.create(.policy, zoneID: zone, body: ["name": .string("r"), "content": .string(dataPolicy("risk", value: "[]"))])
        let set = try await runtime.create(.policySet, zoneID: zone, body: ["name": .string("main")])
        return (zone, set.id, grants.string("version_id")!, risk.string("version_id")!)
    }

    @Test func versionsHashTheirOrderedManifest() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let f = try await fixture(runtime)
        let one = try await runtime.addPolicySetVersion(zoneID: f.zone, policySetID: f.set, policyVersionIDs: [f.grants, f.risk])
        let two = try await runtime.addPolicySetVersion(zoneID: f.zone, policySetID: f.set, policyVersionIDs: [f.risk, f.grants])
        let expected = SHA256.hex("[{\"policy_version_id\":\"\(f.grants)\"},{\"policy_version_id\":\"\(f.risk)\"}]")
        #expect(one.string("manifest_sha256") == expected)
        #expect(two.string("manifest_sha256") != expected)
        #expect(one["version"] == .int(1) && two["version"] == .int(2))
        #expect(one.string("policy_set_id") == f.set)
        let detail = try await runtime.policySetVersion(zoneID: f.zone, policySetID: f.set, versionID: one.string("version_id")!)
        #expect(detail["manifest_json"] == .array([
            .object(["policy_version_id": .string(f.grants)]), .object(["policy_version_id": .string(f.risk)]),
        ]))
        guard case .array(let policies)? = detail["policies"] else {
            Issue.record("no policies")
            return
        }
        #expect(policies.map { $0["policy_version_id"] } == [.string(f.grants), .string(f.risk)])
        #expect(policies.first?["content_sha256"] == .string(SHA256.hex(dataPolicy("grants"))))
        try await runtime.close()
    }

    @Test func manifestContractAndBundleAreChecked() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let f = try await fixture(runtime)
        func code(_ ids: [String]) async -> String? {
            await runtimeError { try await runtime.addPolicySetVersion(zoneID: f.zone, policySetID: f.set, policyVersionIDs: ids) }?.code
        }
        #expect(await code([]) == "invalid_policy_contract")
        #expect(await code([f.grants, f.grants]) == "invalid_policy_contract")
        #expect(await code(["0190aaaa-0000-7000-8000-000000000000"]) == "invalid_policy_contract")
        let other = try await runtime.makeZone("other")
        let foreign = try await runtime.create(.policy, zoneID: other, body: ["name": .string("g"), "content": .string(dataPolicy("restrict", value: "[]"))])
        #expect(await code([f.grants, foreign.string("version_id")!]) == "invalid_policy_contract")
        let twin = try await runtime.create(.policy, zoneID: f.zone, body: ["name": .string("g2"), "content": .string(dataPolicy("grants"))])
        let bundle = await runtimeError {
            try await runtime.addPolicySetVersion(zoneID: f.zone, policySetID: f.set, policyVersionIDs: [f.grants, twin.string("version_id")!])
        }
        #expect(bundle?.status == 422 && bundle?.code == "invalid_policy_bundle")
        try await runtime.close()
    }

    @Test func oneActiveSetPerZone() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let f = try await fixture(runtime)
        let version = try await runtime.addPolicySetVersion(zoneID: f.zone, policySetID: f.set, policyVersionIDs: [f.grants]).string("version_id")!
        let before = try await runtime.activationStatus(zoneID: f.zone, policySetID: f.set, versionID: version, outboxID: nil)
        #expect(before.string("propagation_status") == "waiting_for_activation")
        let activation = try await runtime.activate(zoneID: f.zone, policySetID: f.set, versionID: version)
        #expect(activation["activated"] == .bool(true))
        #expect(activation.string("version_id") == version)
        let outbox = try #require(activation.string("outbox_id"))
        #expect(activation.string("status_url")?.contains(outbox) == true)
        let status = try await runtime.activationStatus(zoneID: f.zone, policySetID: f.set, versionID: version, outboxID: outbox)
        #expect(status.string("propagation_status") == "loaded")
        #expect(status["active"] == .bool(true))
        #expect(status["outbox"]?["state"] == .string("dispatched"))
        #expect(status["sts"]?["state"] == .string("loaded"))
        #expect(try await runtime.get(.policySet, id: f.set, zoneID: f.zone).string("active_version_id") == version)

        let second = try await runtime.create(.policySet, zoneID: f.zone, body: ["name": .string("next")])
        let secondVersion = try await runtime.addPolicySetVersion(zoneID: f.zone, policySetID: second.id, policyVersionIDs: [f.risk]).string("version_id")!
        _ = try await runtime.activate(zoneID: f.zone, policySetID: second.id, versionID: secondVersion)
        #expect(try await runtime.get(.policySet, id: f.set, zoneID: f.zone)["active_version_id"] == .null)
        #expect(try await runtime.get(.policySet, id: second.id, zoneID: f.zone).string("active_version_id") == secondVersion)
        let old = try await runtime.activationStatus(zoneID: f.zone, policySetID: f.set, versionID: version, outboxID: outbox)
        #expect(old.string("propagation_status") == "waiting_for_activation")

        try await runtime.delete(.policySet, id: second.id, zoneID: f.zone)
        let remaining = try await runtime.list(.policySet, zoneID: f.zone)
        #expect(remaining.map(\.id) == [f.set])
        #expect(remaining.allSatisfy { $0["active_version_id"] == .null })
        #expect(await runtimeError { try await runtime.activate(zoneID: f.zone, policySetID: f.set, versionID: secondVersion) }?.code == "policy_set_version_not_found")
        try await runtime.close()
    }

    @Test func setsHaveUniqueNamesAndNoPatch() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let f = try await fixture(runtime)
        let conflict = await runtimeError { try await runtime.create(.policySet, zoneID: f.zone, body: ["name": .string("main")]) }
        #expect(conflict?.status == 409 && conflict?.code == "policy_set_name_conflict")
        #expect(await runtimeError { try await runtime.patch(.policySet, id: f.set, zoneID: f.zone, body: ["name": .string("x")]) }?.status == 405)
        try await runtime.close()
    }

    @Test func simulateDecidesAVersionWithoutActivatingIt() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let f = try await fixture(runtime)
        let version = try await runtime.addPolicySetVersion(zoneID: f.zone, policySetID: f.set, policyVersionIDs: [f.grants]).string("version_id")!
        let empty = try await runtime.simulate(zoneID: f.zone, policySetID: f.set, versionID: version, input: nil)
        #expect(empty["dry_run"] == .bool(true) && empty["would_activate"] == .bool(true))
        #expect(empty["result"] == .null && empty["explanation"]?["evaluation"] == .string("not_executed"))
        let input: RegoValue = .object([
            "schema_version": .string("2025-01-01"),
            "principal": .object(["type": .string("Application"), "id": .string("app-1"), "zone_id": .string("another-zone")]),
            "resource": .object(["identifier": .string("resource://x")]),
        ])
        let simulated = try await runtime.simulate(zoneID: f.zone, policySetID: f.set, versionID: version, input: input)
        #expect(simulated["would_activate"] == .bool(false))
        #expect(simulated["warnings"] == .array([
            .string("input_schema_mismatch:2025-01-01"), .string("principal_zone_mismatch"),
            .string("missing_action"), .string("missing_context"),
        ]))
        #expect(simulated["result"]?["decision"] == .string("deny"))
        #expect(simulated["explanation"]?["evaluation"] == .string("executed"))
        #expect(try await runtime.get(.policySet, id: f.set, zoneID: f.zone)["active_version_id"] == .null)
        try await runtime.close()
    }
}
