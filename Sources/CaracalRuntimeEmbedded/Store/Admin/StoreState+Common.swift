import CaracalRuntime
import Manifest

extension StoreState {
    /// A new id and its creation timestamp.
    mutating func mint() -> (id: String, timestamp: String) {
        let (id, millis) = minter.mint()
        return (id, Timestamp.format(millis: millis))
    }

    /// The current time for `updated_at`, never before the newest timestamp minted.
    func now() -> String {
        Timestamp.format(millis: max(Timestamp.nowMillis(), minter.lastMillis))
    }

    /// Path ids must match `^[A-Za-z0-9_.\-:]{1,128}$` (400 `invalid_params`).
    static func checkPathID(_ id: String, _ what: String) throws(RuntimeError) {
        if !AdminAPIFormats.isPathID(id) {
            throw RuntimeError(status: 400, code: "invalid_params", message: "'\(id)' is not a valid \(what) id.")
        }
    }

    /// The active zone `zoneID` (404 `zone_not_found`).
    func requireZone(_ zoneID: String?) throws(RuntimeError) -> StoredObject {
        guard let zoneID else {
            throw RuntimeError(status: 400, code: "invalid_params", message: "A zone id is required for this call.")
        }
        try Self.checkPathID(zoneID, "zone")
        guard let zone = objects[zoneID], zone.kind == .zone, !zone.isArchived else {
            throw RuntimeError.notFound("zone", "Zone '\(zoneID)' does not exist.")
        }
        return zone
    }

    /// The active record `id` of `kind` in `zoneID` (404 `<kind>_not_found`).
    func requireActive(_ kind: RecordKind, id: String, zoneID: String) throws(RuntimeError) -> StoredObject {
        try Self.checkPathID(id, kind.displayName.lowercased())
        guard let object = objects[id], object.kind == kind, object.zoneID == zoneID, !object.isArchived else {
            throw RuntimeError.notFound(kind.codeName, "\(kind.displayName) '\(id)' does not exist in zone '\(zoneID)'.")
        }
        return object
    }

    /// The record with `archived_at` set to now.
    func archived(_ object: StoredObject) -> StoredObject {
        var fields = object.fields
        let timestamp = now()
        fields["archived_at"] = .string(timestamp)
        ServerFields.touch(&fields, at: timestamp)
        return StoredObject(kind: object.kind, fields: fields)
    }

    /// 409 `reserved_namespace`.
    static func reserved(_ what: String, _ value: String, _ prefix: String) -> RuntimeError {
        RuntimeError.conflict(
            "reserved_namespace", "The \(what) '\(value)' is in the reserved '\(prefix)' namespace; choose another.")
    }
}
