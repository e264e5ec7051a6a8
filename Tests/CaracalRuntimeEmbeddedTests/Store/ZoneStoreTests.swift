import CaracalRuntime
import Manifest
import Testing
@testable import CaracalRuntimeEmbedded

struct ZoneStoreTests {
    @Test func createReturnsServerFieldsAndDefaults() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await runtime.create(.zone, zoneID: nil, body: ["name": .string("  Production  ")])
        #expect(zone.string("name") == "Production")
        #expect(zone.string("slug") == "production")
        #expect(zone["dcr_enabled"] == .bool(false))
        #expect(zone["operator_coauthor_badge"] == .bool(true))
        #expect(zone["operator_governed"] == .bool(false))
        #expect(zone.string("created_by") == "admin:embedded")
        #expect(zone.id.count == 36 && zone.id.dropFirst(14).first == "7")
        let created = try #require(zone.string("created_at"))
        #expect(created.count == 24 && created.hasSuffix("Z"))
        #expect(runtime.identity == "embedded:" + directory.path)
        try await runtime.close()
    }

    @Test func derivedSlugsGetSuffixesAndArchivedSlugsStayTaken() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let first = try await runtime.create(.zone, zoneID: nil, body: ["name": .string("Pied Piper!")])
        let second = try await runtime.create(.zone, zoneID: nil, body: ["name": .string("pied piper")])
        #expect(first.string("slug") == "pied-piper")
        #expect(second.string("slug") == "pied-piper-2")
        try await runtime.delete(.zone, id: first.id, zoneID: nil)
        let reuse = await runtimeError { try await runtime.create(.zone, zoneID: nil, body: ["name": .string("x"), "slug": .string("pied-piper")]) }
        #expect(reuse?.status == 409 && reuse?.code == "zone_slug_conflict")
        let third = try await runtime.create(.zone, zoneID: nil, body: ["name": .string("Pied Piper")])
        #expect(third.string("slug") == "pied-piper-3")
        try await runtime.close()
    }

    @Test func archivedZonesVanishAndTheirChildrenAreNotFound() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await runtime.makeZone("gone")
        try await runtime.delete(.zone, id: zone, zoneID: nil)
        #expect(try await runtime.list(.zone, zoneID: nil).isEmpty)
        #expect(await runtimeError { try await runtime.get(.zone, id: zone, zoneID: nil) }?.code == "zone_not_found")
        #expect(await runtimeError { try await runtime.patch(.zone, id: zone, zoneID: nil, body: ["name": .string("x")]) }?.code == "zone_not_found")
        #expect(await runtimeError { try await runtime.delete(.zone, id: zone, zoneID: nil) }?.status == 404)
        let child = await runtimeError {
            try await runtime.create(.application, zoneID: zone, body: ["name": .string("a"), "registration_method": .string("managed")])
        }
        #expect(child?.status == 404 && child?.code == "zone_not_found")
        try await runtime.close()
    }

    @Test(arguments: [
        (["name": RegoValue.string("a"), "description": .string("no")], 400, "invalid_zone"),
        (["slug": .string("x")], 400, "invalid_zone"),
        (["name": .string("a"), "slug": .string("Not_A_Slug")], 400, "invalid_zone"),
        (["name": .string(String(repeating: "n", count: 121))], 400, "invalid_zone"),
        (["name": .string("   ")], 400, "invalid_zone"),
        (["name": .int(3)], 400, "invalid_zone"),
        (["name": .string("caracal.sys/x")], 409, "reserved_namespace"),
        (["name": .string("a"), "slug": .string("caracal-sys-x")], 409, "reserved_namespace"),
    ])
    func createRefusesBadBodies(body: [String: RegoValue], status: Int, code: String) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let error = await runtimeError { try await runtime.create(.zone, zoneID: nil, body: body) }
        #expect(error?.status == status)
        #expect(error?.code == code)
        try await runtime.close()
    }

    @Test func patchIsStrictAndUpdatesFields() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await runtime.makeZone("prod")
        let patched = try await runtime.patch(.zone, id: zone, zoneID: nil, body: ["name": .string("Prod 2"), "dcr_enabled": .bool(true)])
        #expect(patched.string("name") == "Prod 2")
        #expect(patched["dcr_enabled"] == .bool(true))
        #expect(patched.string("slug") == "prod")
        let unknown = await runtimeError { try await runtime.patch(.zone, id: zone, zoneID: nil, body: ["prune": .bool(true)]) }
        #expect(unknown?.code == "invalid_zone")
        let shutdown = await runtimeError { try await runtime.patch(.zone, id: zone, zoneID: nil, body: ["dcr_shutdown": .string("keep_live")]) }
        #expect(shutdown?.code == "invalid_zone")
        #expect(try await runtime.get(.zone, id: zone, zoneID: nil).string("name") == "Prod 2")
        try await runtime.close()
    }

    @Test func listsNewestFirst() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        var ids: [String] = []
        for index in 0..<20 { ids.append(try await runtime.makeZone("zone-\(index)")) }
        let listed = try await runtime.list(.zone, zoneID: nil)
        #expect(listed.map(\.id) == ids.reversed())
        let keys = listed.map { ($0.string("created_at")!, $0.id) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 > $1 })
        try await runtime.close()
    }

    @Test func badPathIDsAreInvalidParams() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        #expect(await runtimeError { try await runtime.get(.zone, id: "a/b", zoneID: nil) }?.code == "invalid_params")
        try await runtime.close()
    }
}
