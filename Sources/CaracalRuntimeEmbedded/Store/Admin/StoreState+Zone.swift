import CaracalRuntime
import Manifest

/// Zones (Admin API reference §1).
extension StoreState {
    private static let zoneCreateKeys: Set<String> = ["name", "slug", "dcr_enabled"]
    private static let zonePatchKeys: Set<String> = [
        "name", "slug", "dcr_enabled", "operator_coauthor_badge", "operator_governed", "dcr_shutdown",
    ]

    mutating func createZone(_ fields: [String: RegoValue]) throws(RuntimeError) -> StoredObject {
        let body = RequestBody(fields, code: "invalid_zone", noun: "zone")
        try body.rejectUnknownKeys(Self.zoneCreateKeys)
        let name = try Self.zoneName(body.requiredString("name"), body)
        let dcrEnabled = try body.bool("dcr_enabled") ?? false
        var slug = try body.string("slug")
        if let given = slug { try Self.checkZoneSlug(given, body) }
        if name.hasPrefix("caracal.sys/") { throw Self.reserved("zone name", name, "caracal.sys/") }
        if let given = slug {
            if given.hasPrefix("caracal-sys-") { throw Self.reserved("zone slug", given, "caracal-sys-") }
            if isZoneSlugTaken(given) {
                throw RuntimeError.conflict(
                    "zone_slug_conflict", "The zone slug '\(given)' is taken (archived zones keep their slugs); choose another.")
            }
        } else {
            var base = Slug.derive(from: name)
            if base.isEmpty { base = "zone" }
            if base.hasPrefix("caracal-sys-") { throw Self.reserved("zone slug", base, "caracal-sys-") }
            slug = Slug.firstFree(base, isTaken: isZoneSlugTaken)
        }
        let (id, timestamp) = mint()
        var object = ServerFields.created(id: id, at: timestamp)
        object["name"] = .string(name)
        object["slug"] = .string(slug!)
        object["dcr_enabled"] = .bool(dcrEnabled)
        object["operator_coauthor_badge"] = .bool(true)
        object["operator_governed"] = .bool(false)
        return StoredObject(kind: .zone, fields: object)
    }

    func patchZone(_ zone: StoredObject, _ fields: [String: RegoValue]) throws(RuntimeError) -> StoredObject {
        let body = RequestBody(fields, code: "invalid_zone", noun: "zone")
        try body.rejectUnknownKeys(Self.zonePatchKeys)
        if fields.isEmpty { throw RuntimeError.invalid("no_fields", "The zone patch has no fields to change.") }
        var object = zone.fields
        if let name = try body.string("name") {
            let name = try Self.zoneName(name, body)
            if name.hasPrefix("caracal.sys/") { throw Self.reserved("zone name", name, "caracal.sys/") }
            object["name"] = .string(name)
        }
        if let slug = try body.string("slug"), slug != zone.identity {
            try Self.checkZoneSlug(slug, body)
            if slug.hasPrefix("caracal-sys-") { throw Self.reserved("zone slug", slug, "caracal-sys-") }
            if isZoneSlugTaken(slug) {
                throw RuntimeError.conflict(
                    "zone_slug_conflict", "The zone slug '\(slug)' is taken (archived zones keep their slugs); choose another.")
            }
            object["slug"] = .string(slug)
        }
        let dcrEnabled = try body.bool("dcr_enabled")
        if let shutdown = try body.string("dcr_shutdown") {
            guard shutdown == "keep_live" || shutdown == "revoke_live" else {
                throw body.invalid("The zone field 'dcr_shutdown' must be 'keep_live' or 'revoke_live'.")
            }
            guard dcrEnabled == false else {
                throw body.invalid("The zone field 'dcr_shutdown' is only allowed together with 'dcr_enabled: false'.")
            }
        }
        if let dcrEnabled { object["dcr_enabled"] = .bool(dcrEnabled) }
        // The API ignores the operator flags when the same patch turns DCR off.
        if dcrEnabled != false {
            if let badge = try body.bool("operator_coauthor_badge") { object["operator_coauthor_badge"] = .bool(badge) }
            if let governed = try body.bool("operator_governed") { object["operator_governed"] = .bool(governed) }
        }
        ServerFields.touch(&object, at: now())
        return StoredObject(kind: .zone, fields: object)
    }

    private static func zoneName(_ raw: String, _ body: RequestBody) throws(RuntimeError) -> String {
        let name = raw.trimmed
        guard (1...120).contains(name.jsLength) else {
            throw body.invalid("The zone name must be 1 to 120 characters long (after trimming).")
        }
        return name
    }

    private static func checkZoneSlug(_ slug: String, _ body: RequestBody) throws(RuntimeError) {
        let valid = !slug.isEmpty && slug.utf8.allSatisfy { byte in
            (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-")
        }
        if !valid {
            throw body.invalid("The zone slug '\(slug)' must use only lower-case letters, digits and hyphens.")
        }
    }
}
