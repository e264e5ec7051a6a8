import CaracalRuntime
import Manifest
import Testing

struct LiveObjectTests {
    private let fields: [String: RegoValue] = [
        "zone_id": .string("z1"), "id": .string("r1"), "identifier": .string("resource://a"),
        "scopes": .array([.string("a:read")]), "archived_at": .null, "é": .int(1), "e\u{301}x": .int(2),
        "credential_provider_id": .string("p1"), "": .bool(true),
    ]

    @Test func findsEveryFieldAndNothingElse() {
        let object = LiveObject(kind: .resource, fields: fields)
        for (key, value) in fields { #expect(object[key] == value, "\(key)") }
        for missing in ["Id", "zone", "zone_idx", "ex", "f", "\u{10FFFF}"] { #expect(object[missing] == nil, "\(missing)") }
        // Keys compare as Swift strings do, as a dictionary's would: by canonical equivalence.
        #expect(object["e\u{301}"] == .int(1))
        #expect(object.fields == fields)
        #expect(object.identity == "resource://a")
        #expect(object.zoneID == "z1")
        #expect(!object.isArchived)
    }

    @Test func membersInAnyOrderGiveTheSameObject() {
        let sorted = LiveObject(kind: .resource, fields: fields)
        var members = fields.map { (key: $0.key, value: $0.value) }
        members.sort { $0.key > $1.key }
        let reversed = LiveObject(kind: .resource, members: members)
        #expect(reversed == sorted)
        #expect(reversed.hashValue == sorted.hashValue)
        #expect(reversed.fields == fields)
        #expect(LiveObject(kind: .provider, fields: fields) != sorted)
    }

    @Test func theLaterOfTwoEqualKeysCounts() {
        let object = LiveObject(kind: .zone, members: [("slug", .string("a")), ("id", .string("1")), ("slug", .string("b"))])
        #expect(object.fields == ["slug": .string("b"), "id": .string("1")])
        #expect(object.identity == "b")
    }

    @Test func settingFieldsReplacesThem() {
        var object = LiveObject(kind: .resource, fields: fields)
        object.fields["archived_at"] = .string("2026-11-30T00:00:00.000Z")
        object.fields["scopes"] = nil
        #expect(object.isArchived)
        #expect(object["scopes"] == nil)
        #expect(object["id"] == .string("r1"))
        #expect(object.fields.count == fields.count - 1)
    }
}
