import CaracalRuntime
import Manifest
import Testing
@testable import CaracalRuntimeEmbedded

struct PolicyStoreTests {
    @Test func createReturnsTheFirstVersionWithItsHash() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await runtime.makeZone("prod")
        let content = dataPolicy("grants", value: "{\"résumé\": 1}")
        let created = try await runtime.create(.policy, zoneID: zone, body: ["name": .string("grants"), "content": .string(content)])
        let version = try #require(created["version"])
        #expect(version["version"] == .int(1))
        #expect(version["content_sha256"] == .string(SHA256.hex(content)))
        #expect(version["schema_version"] == .string("2026-05-20"))
        #expect(created.string("version_id") == version["id"]?.stringValue)
        #expect(created["description"] == .null)
        let second = try await runtime.addPolicyVersion(zoneID: zone, policyID: created.id, content: dataPolicy("grants", value: "{}"))
        #expect(second["version"] == .int(2))
        #expect(second.string("policy_id") == created.id)
        let detail = try await runtime.get(.policy, id: created.id, zoneID: zone)
        guard case .array(let versions)? = detail["versions"] else {
            Issue.record("no versions")
            return
        }
        #expect(versions.map { $0["version"] } == [.int(2), .int(1)])
        #expect(versions.last?["content"] == .string(content))
        try await runtime.close()
    }

    @Test(arguments: [
        ("", "empty_policy"),
        ("package caracal.authz\ngrants := {}\n", "must_be_data_document"),
        ("# caracal:data-document\npackage other\n\ngrants := {}\n", "must_use_package_caracal_authz"),
        ("# caracal:data-document\npackage caracal.authz\n\nfoo := 1\n", "data_document_rule_not_allowed:foo"),
    ])
    func invalidRegoIsRefusedWithTheRuleID(content: String, rule: String) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await runtime.makeZone("prod")
        let error = await runtimeError { try await runtime.create(.policy, zoneID: zone, body: ["name": .string("p"), "content": .string(content)]) }
        #expect(error?.status == 422)
        #expect(error?.code == "invalid_rego")
        #expect(error?.message.contains("'\(rule)'") == true)
        try await runtime.close()
    }

    @Test func namesAreUniqueAndPoliciesCannotBePatched() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await runtime.makeZone("prod")
        let body: [String: RegoValue] = ["name": .string("p"), "description": .string("d"), "content": .string(dataPolicy())]
        let created = try await runtime.create(.policy, zoneID: zone, body: body)
        #expect(created["description"] == .string("d"))
        #expect(await runtimeError { try await runtime.create(.policy, zoneID: zone, body: body) }?.status == 409)
        #expect(await runtimeError { try await runtime.create(.policy, zoneID: zone, body: ["name": .string("q")]) }?.code == "invalid_body")
        #expect(await runtimeError { try await runtime.create(.policy, zoneID: zone, body: ["name": .string("caracal.sys/x"), "content": .string(dataPolicy())]) }?.code == "reserved_namespace")
        #expect(await runtimeError { try await runtime.patch(.policy, id: created.id, zoneID: zone, body: ["name": .string("x")]) }?.status == 405)
        try await runtime.delete(.policy, id: created.id, zoneID: zone)
        #expect(await runtimeError { try await runtime.addPolicyVersion(zoneID: zone, policyID: created.id, content: dataPolicy()) }?.code == "policy_not_found")
        _ = try await runtime.create(.policy, zoneID: zone, body: body)
        try await runtime.close()
    }
}
