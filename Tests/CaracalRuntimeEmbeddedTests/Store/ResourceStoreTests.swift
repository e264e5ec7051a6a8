import CaracalRuntime
import Manifest
import Testing
@testable import CaracalRuntimeEmbedded

struct ResourceStoreTests {
    @Test func createNormalisesOperationsAndDefaults() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await runtime.makeZone("prod")
        let provider = try await runtime.makeProvider(zone: zone, "provider://p")
        var body = EmbeddedRuntime.resourceBody("resource://pipernet", provider: provider)
        body["operations"] = .array([.object(["method": .string(" get "), "path": .string("/v1/items"), "scope": .string("read")])])
        let resource = try await runtime.create(.resource, zoneID: zone, body: body)
        #expect(resource.string("name") == "resource://pipernet")
        #expect(resource["operations"] == .array([.object(["method": .string("GET"), "path": .string("/v1/items"), "scope": .string("read")])]))
        #expect(resource.string("operation_enforcement") == "enforced")
        #expect(resource.string("credential_provider_id") == provider)
        #expect(resource["archived_at"] == .null)
        try await runtime.close()
    }

    @Test(arguments: [
        ("scopes", RegoValue.array([]), 400, "invalid_resource"),
        ("scopes", .array((0...64).map { .string("s\($0)") }), 400, "invalid_resource"),
        ("upstream_url", .null, 400, "upstream_url_required"),
        ("upstream_url", .string("ftp://x"), 400, "invalid_resource"),
        ("credential_provider_id", .null, 400, "credential_provider_required"),
        ("credential_provider_id", .string("0190aaaa-0000-7000-8000-000000000000"), 404, "provider_not_found"),
        ("identifier", .string("provider://x"), 400, "invalid_resource_identifier"),
        ("identifier", .string("https://user:pw@x.example"), 400, "invalid_resource_identifier"),
        ("identifier", .string("not a url"), 400, "invalid_resource_identifier"),
        ("identifier", .string("caracal-sys://control"), 409, "reserved_namespace"),
        ("operations", .array([.object(["method": .string("GET"), "scope": .string("read")])]), 400, "operation_method_and_path_required"),
        ("operations", .array([.object(["method": .string("GET"), "path": .string("items"), "scope": .string("read")])]), 400, "operation_path_must_be_absolute"),
        ("operations", .array([.object(["method": .string("GET"), "path": .string("/i"), "scope": .string("admin")])]), 400, "operation_scope_not_in_resource_scopes"),
        ("operations", .array([
            .object(["method": .string("GET"), "path": .string("/i"), "scope": .string("read")]),
            .object(["method": .string("get"), "path": .string("/i"), "scope": .string("write")]),
        ]), 400, "operation_duplicate"),
        ("operation_enforcement", .string("loose"), 400, "invalid_resource"),
    ])
    func createRefusesBadFields(field: String, value: RegoValue, status: Int, code: String) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await runtime.makeZone("prod")
        let provider = try await runtime.makeProvider(zone: zone, "provider://p")
        var body = EmbeddedRuntime.resourceBody("resource://r", provider: provider)
        body[field] = value
        let error = await runtimeError { try await runtime.create(.resource, zoneID: zone, body: body) }
        #expect(error?.status == status)
        #expect(error?.code == code)
        try await runtime.close()
    }

    @Test func identifiersAreUniqueAndDerivationSkipsArchivedOnes() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await runtime.makeZone("prod")
        let provider = try await runtime.makeProvider(zone: zone, "provider://p")
        let first = try await runtime.create(.resource, zoneID: zone, body: EmbeddedRuntime.resourceBody("resource://pipernet", provider: provider))
        let conflict = await runtimeError { try await runtime.create(.resource, zoneID: zone, body: EmbeddedRuntime.resourceBody("resource://pipernet", provider: provider)) }
        #expect(conflict?.status == 409 && conflict?.code == "resource_identifier_conflict")
        try await runtime.delete(.resource, id: first.id, zoneID: zone)
        var named = EmbeddedRuntime.resourceBody("unused", provider: provider)
        named["identifier"] = nil
        named["name"] = .string("PiperNet")
        let derived = try await runtime.create(.resource, zoneID: zone, body: named)
        #expect(derived.string("identifier") == "resource://pipernet-2")
        #expect(derived.string("name") == "PiperNet")
        try await runtime.close()
    }

    @Test func patchValidatesTheMergedResource() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await runtime.makeZone("prod")
        let provider = try await runtime.makeProvider(zone: zone, "provider://p")
        var body = EmbeddedRuntime.resourceBody("resource://r", provider: provider)
        body["operations"] = .array([.object(["method": .string("POST"), "path": .string("/w"), "scope": .string("write")])])
        let resource = try await runtime.create(.resource, zoneID: zone, body: body)
        let dropped = await runtimeError { try await runtime.patch(.resource, id: resource.id, zoneID: zone, body: ["scopes": .array([.string("read")])]) }
        #expect(dropped?.code == "operation_scope_not_in_resource_scopes")
        let both = try await runtime.patch(.resource, id: resource.id, zoneID: zone, body: ["scopes": .array([.string("read")]), "operations": .array([])])
        #expect(both["scopes"] == .array([.string("read")]))
        #expect(both["operations"] == .array([]))
        try await runtime.delete(.provider, id: provider, zoneID: zone)
        // Deleting the provider does not cascade; the resource keeps its reference.
        #expect(try await runtime.get(.resource, id: resource.id, zoneID: zone).string("credential_provider_id") == provider)
        try await runtime.close()
    }
}
