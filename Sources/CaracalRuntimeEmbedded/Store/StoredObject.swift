import CaracalRuntime
import Manifest

/// One record as the store keeps it: its compact JSON plus the few fields the indexes need.
///
/// Keeping the JSON bytes rather than a decoded dictionary keeps 100,000 objects in a few tens
/// of megabytes, lets the snapshot be written by concatenation, and reuses the bytes of the
/// journal record. Keys starting with `$` are the store's own (the record kind, sealed-secret
/// hashes, a version's rule names) and never leave the store.
struct StoredObject: Sendable {
    var kind: RecordKind
    var id: String
    /// The zone's id; empty for zones.
    var zoneID: String
    /// A version's policy or policy set; empty otherwise.
    var parentID: String
    /// The identity (slug, name, identifier); empty for versions.
    var identity: String
    /// `created_at` in milliseconds since the epoch (a number costs less memory than the text).
    var createdAt: Int64
    var isArchived: Bool
    /// Compact JSON of every field, the store's `$` keys included.
    var json: [UInt8]
    /// The decoded fields, kept only on records just built from them (the store drops it, so
    /// stored records cost only their JSON).
    private(set) var decodedFields: [String: RegoValue]?

    /// A record from its fields, encoding them.
    init(kind: RecordKind, fields: [String: RegoValue]) {
        var fields = fields
        fields["$kind"] = .string(kind.rawValue)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        JSONWriter.writeCompact(.object(fields), into: &bytes)
        self.init(kind: kind, fields: fields, json: bytes)
        decodedFields = fields
    }

    private init(kind: RecordKind, fields: [String: RegoValue], json: [UInt8]) {
        self.kind = kind
        self.id = fields["id"]?.stringValue ?? ""
        self.zoneID = kind == .zone ? "" : (fields["zone_id"]?.stringValue ?? "")
        self.parentID = kind.parentField.flatMap { fields[$0]?.stringValue } ?? ""
        self.identity = kind.identityField.flatMap { fields[$0]?.stringValue } ?? ""
        self.createdAt = fields["created_at"]?.stringValue.flatMap(Timestamp.parseMillis) ?? 0
        if let archived = fields["archived_at"], archived != .null { isArchived = true } else { isArchived = false }
        self.json = json
    }

    /// A record read back from a state file; `nil` when the JSON is not one of ours.
    static func decode(_ value: RegoValue, json: [UInt8]? = nil) -> StoredObject? {
        guard case .object(let fields) = value,
              let kindName = fields["$kind"]?.stringValue, let kind = RecordKind(rawValue: kindName),
              let id = fields["id"]?.stringValue, !id.isEmpty,
              fields["created_at"]?.stringValue != nil
        else { return nil }
        if kind != .zone, fields["zone_id"]?.stringValue == nil { return nil }
        if let parent = kind.parentField, fields[parent]?.stringValue == nil { return nil }
        if let identity = kind.identityField, fields[identity]?.stringValue == nil { return nil }
        if let json { return StoredObject(kind: kind, fields: fields, json: json) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        JSONWriter.writeCompact(value, into: &bytes)
        return StoredObject(kind: kind, fields: fields, json: bytes)
    }

    /// Every field, the store's own included.
    var fields: [String: RegoValue] {
        if let decodedFields { return decodedFields }
        // The bytes were written by JSONWriter from a valid value, so they always read back.
        guard case .object(let fields)? = try? JSONReader.value(from: json) else { return [:] }
        return fields
    }

    /// One field, the store's own included, read without building a dictionary of them all.
    func field(_ key: String) -> RegoValue? {
        if let decodedFields { return decodedFields[key] }
        return (try? JSONReader.members(from: json))?.first { $0.key == key }?.value
    }

    /// The fields the Admin API returns.
    var publicFields: [String: RegoValue] {
        fields.filter { !Self.isStoreKey($0.key) }
    }

    /// Whether `key` is one of the store's own, which never leave the store: they start with `$`.
    static func isStoreKey(_ key: String) -> Bool {
        key.utf8.first == UInt8(ascii: "$")
    }

    /// The record without its decoded fields, as the store keeps it.
    var compacted: StoredObject {
        var copy = self
        copy.decodedFields = nil
        // The writer grows its buffer by doubling; keep only the bytes.
        if json.capacity > json.count + 32 { copy.json = json.withUnsafeBufferPointer { Array($0) } }
        return copy
    }

    /// The object as a runtime returns it.
    var liveObject: LiveObject {
        var keys: [String] = []
        return liveObject(sharingKeys: &keys)
    }

    /// The object as a runtime returns it, its keys shared with `keys` where they match
    /// position by position; an empty `keys` takes this object's keys.
    ///
    /// Records of one kind have the same keys, so a list shares one copy of each instead of
    /// keeping one per object (long keys such as `credential_provider_id` are not stored inline).
    func liveObject(sharingKeys keys: inout [String]) -> LiveObject {
        let kind = kind.manifestKind ?? .policy
        if decodedFields != nil { return LiveObject(kind: kind, fields: publicFields) }
        // Straight from the JSON, already in key order, to the object's fields.
        guard var members = try? JSONReader.members(from: json) else { return LiveObject(kind: kind, fields: [:]) }
        members.removeAll { Self.isStoreKey($0.key) }
        if keys.isEmpty {
            keys = members.map(\.key)
        } else {
            for position in members.indices.prefix(keys.count) where members[position].key == keys[position] {
                members[position].key = keys[position]
            }
        }
        // Share the zone's id string instead of keeping one copy per object.
        if !zoneID.isEmpty, let position = members.firstIndex(where: { $0.key == "zone_id" }) {
            members[position].value = .string(zoneID)
        }
        return LiveObject(kind: kind, members: members)
    }
}
