import CaracalRuntime
import Manifest
import Testing
@testable import CaracalRuntimeEmbedded

struct ApplicationStoreTests {
    private func app(_ name: String, traits: [String]? = nil) -> [String: RegoValue] {
        var body: [String: RegoValue] = ["name": .string(name), "registration_method": .string("managed")]
        if let traits { body["traits"] = .array(traits.map(RegoValue.string)) }
        return body
    }

    @Test func createOmitsTraitsButReturnsAClientSecret() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await runtime.makeZone("prod")
        let created = try await runtime.create(.application, zoneID: zone, body: app(" reporter ", traits: ["reader"]))
        #expect(created["traits"] == nil)
        let secret = try #require(created.string("client_secret"))
        #expect(secret.hasPrefix("cs_"))
        let read = try await runtime.get(.application, id: created.id, zoneID: zone)
        #expect(read.string("name") == "reporter")
        #expect(read["traits"] == .array([.string("reader")]))
        #expect(read.string("registration_method") == "managed")
        #expect(read.zoneID == zone)
        #expect(read["client_secret"] == nil)
        try await runtime.close()
        #expect(!allFileBytes(in: directory.path).contains(text: secret))
    }

    @Test func namesAreUniqueIgnoringCaseUntilArchived() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await runtime.makeZone("prod")
        let first = try await runtime.create(.application, zoneID: zone, body: app("Reporter"))
        let taken = await runtimeError { try await runtime.create(.application, zoneID: zone, body: app("reporter")) }
        #expect(taken?.status == 409 && taken?.code == "application_name_taken")
        try await runtime.delete(.application, id: first.id, zoneID: zone)
        _ = try await runtime.create(.application, zoneID: zone, body: app("reporter"))
        let other = try await runtime.makeZone("staging")
        _ = try await runtime.create(.application, zoneID: other, body: app("Reporter"))
        try await runtime.close()
    }

    @Test(arguments: [
        (["name": RegoValue.string("a")], 400, "invalid_application"),
        (["name": .string("a"), "registration_method": .string("dcr")], 400, "invalid_application"),
        (["name": .string("a"), "registration_method": .string("managed"), "labels": .array([])], 400, "invalid_application"),
        (["name": .string(""), "registration_method": .string("managed")], 400, "invalid_application"),
        (["name": .string("caracal.sys/a"), "registration_method": .string("managed")], 409, "reserved_namespace"),
        (["name": .string("a"), "registration_method": .string("managed"), "traits": .array([.string("1bad")])], 403, "trait_invalid"),
        (["name": .string("a"), "registration_method": .string("managed"), "traits": .array([.string("x"), .string("x")])], 403, "trait_duplicate"),
        (["name": .string("a"), "registration_method": .string("managed"), "traits": .array((0...64).map { .string("t\($0)") })], 403, "trait_count_exceeded"),
    ])
    func createRefusesBadBodies(body: [String: RegoValue], status: Int, code: String) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await runtime.makeZone("prod")
        let error = await runtimeError { try await runtime.create(.application, zoneID: zone, body: body) }
        #expect(error?.status == status)
        #expect(error?.code == code)
        try await runtime.close()
    }

    @Test func patchReplacesTraitsAndChecksTheName() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await runtime.makeZone("prod")
        let first = try await runtime.create(.application, zoneID: zone, body: app("one", traits: ["a", "b"]))
        _ = try await runtime.create(.application, zoneID: zone, body: app("two"))
        let patched = try await runtime.patch(.application, id: first.id, zoneID: zone, body: ["traits": .array([.string("c")])])
        #expect(patched["traits"] == .array([.string("c")]))
        #expect(await runtimeError { try await runtime.patch(.application, id: first.id, zoneID: zone, body: ["name": .string("TWO")]) }?.code == "application_name_taken")
        #expect(await runtimeError { try await runtime.patch(.application, id: first.id, zoneID: zone, body: ["registration_method": .string("managed")]) }?.code == "invalid_application")
        #expect(await runtimeError { try await runtime.patch(.application, id: first.id, zoneID: zone, body: ["client_secret": .string("short")]) }?.code == "invalid_application")
        try await runtime.close()
    }

    @Test func objectsOfAnotherZoneAreNotFound() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await runtime.makeZone("prod")
        let other = try await runtime.makeZone("other")
        let created = try await runtime.create(.application, zoneID: zone, body: app("one"))
        let error = await runtimeError { try await runtime.get(.application, id: created.id, zoneID: other) }
        #expect(error?.status == 404 && error?.code == "application_not_found")
        try await runtime.close()
    }
}
