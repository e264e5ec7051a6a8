import CaracalRuntime
import Manifest
import Testing
@testable import CaracalRuntimeEmbedded

struct StoredObjectTests {
    private func stored(_ kind: RecordKind, _ fields: [String: RegoValue]) -> StoredObject {
        StoredObject(kind: kind, fields: fields).compacted
    }

    @Test func aStoredRecordBecomesItsPublicFields() {
        let fields: [String: RegoValue] = [
            "id": .string("a1"), "zone_id": .string("z1"), "name": .string("agent"), "created_at": .string("2026-11-30T00:00:00.000Z"),
            "traits": .array([.string("x")]), "$client_secret": .object(["sha256": .string("00")]),
        ]
        let built = StoredObject(kind: .application, fields: fields)
        var expected = fields
        expected["$client_secret"] = nil
        #expect(built.liveObject == LiveObject(kind: .application, fields: expected))
        #expect(built.compacted.liveObject == LiveObject(kind: .application, fields: expected))
    }

    @Test func objectsOfAListShareKeysOnlyWhereTheyMatch() {
        let first = stored(.resource, ["id": .string("r1"), "zone_id": .string("z1"), "identifier": .string("resource://a"), "created_at": .string("t1")])
        // Different keys at the same positions must stay its own.
        let second = stored(.resource, ["id": .string("r2"), "zone_id": .string("z1"), "upstream_url": .string("https://b"), "created_at": .string("t2"), "scopes": .array([])])
        var keys: [String] = []
        let objects = [first, second].map { $0.liveObject(sharingKeys: &keys) }
        #expect(keys == ["created_at", "id", "identifier", "zone_id"])
        #expect(objects[0].fields == ["id": .string("r1"), "zone_id": .string("z1"), "identifier": .string("resource://a"), "created_at": .string("t1")])
        #expect(objects[1].fields == ["id": .string("r2"), "zone_id": .string("z1"), "upstream_url": .string("https://b"), "created_at": .string("t2"), "scopes": .array([])])
        #expect(objects[1]["identifier"] == nil)
    }

    @Test func oneFieldIsReadFromTheStoredJSON() {
        let sealed: RegoValue = .object(["salt": .string("5a"), "sha256": .object(["api_key": .string("00ff")])])
        let fields: [String: RegoValue] = [
            "id": .string("p1"), "zone_id": .string("z1"), "identifier": .string("provider://key"),
            "created_at": .string("2026-11-30T00:00:00.000Z"), "$sealed": sealed, "config": .object(["header_name": .string("X-Api-Key")]),
        ]
        let built = StoredObject(kind: .provider, fields: fields)
        for record in [built, built.compacted] {
            #expect(record.field("$sealed") == sealed)
            #expect(record.field("config") == .object(["header_name": .string("X-Api-Key")]))
            #expect(record.field("archived_at") == nil)
        }
    }
}
