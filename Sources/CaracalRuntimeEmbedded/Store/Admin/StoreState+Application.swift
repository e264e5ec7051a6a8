import CaracalRuntime
import Manifest

/// Applications (Admin API reference §2). Every embedded actor is global, so `traits` are
/// always visible.
extension StoreState {
    private static let applicationCreateKeys: Set<String> = ["name", "registration_method", "traits"]
    private static let applicationPatchKeys: Set<String> = ["name", "traits", "client_secret"]

    /// The created application and the plaintext client secret the create response carries.
    mutating func createApplication(zoneID: String, _ fields: [String: RegoValue]) throws(RuntimeError) -> (StoredObject, String) {
        let body = RequestBody(fields, code: "invalid_application", noun: "application")
        try body.rejectUnknownKeys(Self.applicationCreateKeys)
        let name = try Self.applicationName(body.requiredString("name"), body)
        guard let method = try body.string("registration_method") else {
            throw body.invalid("The application field 'registration_method' is required; it must be \"managed\".")
        }
        guard method == "managed" else {
            throw body.invalid("The application's 'registration_method' must be \"managed\", not '\(method)'.")
        }
        let traits = try Self.traits(body)
        try checkApplicationName(name, zoneID: zoneID, except: nil)
        let (id, timestamp) = mint()
        var object = ServerFields.created(id: id, at: timestamp)
        object["zone_id"] = .string(zoneID)
        object["name"] = .string(name)
        object["registration_method"] = .string("managed")
        object["traits"] = .array((traits ?? []).map(RegoValue.string))
        object["expires_at"] = .null
        object["archived_at"] = .null
        let secret = "cs_" + IDMinter.randomHex(bytes: 24)
        object["$client_secret"] = SecretSeal.seal(secret)
        return (StoredObject(kind: .application, fields: object), secret)
    }

    func patchApplication(_ application: StoredObject, _ fields: [String: RegoValue]) throws(RuntimeError) -> StoredObject {
        let body = RequestBody(fields, code: "invalid_application", noun: "application")
        try body.rejectUnknownKeys(Self.applicationPatchKeys)
        if fields.isEmpty { throw RuntimeError.invalid("no_fields", "The application patch has no fields to change.") }
        var object = application.fields
        if let name = try body.string("name") {
            let name = try Self.applicationName(name, body)
            try checkApplicationName(name, zoneID: application.zoneID, except: application.id)
            object["name"] = .string(name)
        }
        if let traits = try Self.traits(body) { object["traits"] = .array(traits.map(RegoValue.string)) }
        if let secret = try body.string("client_secret") {
            guard secret.jsLength >= 32 else {
                throw body.invalid("The application's 'client_secret' must be at least 32 characters long.")
            }
            object["$client_secret"] = SecretSeal.seal(secret)
        }
        ServerFields.touch(&object, at: now())
        return StoredObject(kind: .application, fields: object)
    }

    private func checkApplicationName(_ name: String, zoneID: String, except id: String?) throws(RuntimeError) {
        if name.hasPrefix("caracal.sys/") { throw Self.reserved("application name", name, "caracal.sys/") }
        if let existing = active(.application, zoneID: zoneID, identity: name), existing.id != id {
            throw RuntimeError.conflict(
                "application_name_taken",
                "An application named '\(existing.identity)' already exists in this zone (names are compared ignoring case).")
        }
    }

    private static func applicationName(_ raw: String, _ body: RequestBody) throws(RuntimeError) -> String {
        let name = raw.trimmed
        guard (1...200).contains(name.jsLength) else {
            throw body.invalid("The application name must be 1 to 200 characters long (after trimming).")
        }
        return name
    }

    /// `traits` checked as the API checks them (403 trait errors).
    private static func traits(_ body: RequestBody) throws(RuntimeError) -> [String]? {
        guard let traits = try body.stringArray("traits") else { return nil }
        if traits.count > 64 {
            throw RuntimeError(status: 403, code: "trait_count_exceeded", message: "An application has at most 64 traits; this one has \(traits.count).")
        }
        var seen: Set<String> = []
        for trait in traits {
            guard (1...128).contains(trait.jsLength), isTrait(trait) else {
                throw RuntimeError(
                    status: 403, code: "trait_invalid",
                    message: "The trait '\(trait)' is invalid; a trait is 1 to 128 characters, starts with a letter and uses letters, digits, '.', '_', ':' and '-'.")
            }
            guard seen.insert(trait).inserted else {
                throw RuntimeError(status: 403, code: "trait_duplicate", message: "The trait '\(trait)' is listed twice.")
            }
            if trait.hasPrefix("control:") {
                throw RuntimeError(
                    status: 403, code: "trait_forbidden",
                    message: "The trait '\(trait)' is in the 'control:' namespace, which the embedded runtime does not support (it has no control-scope catalog).")
            }
        }
        return traits
    }

    private static func isTrait(_ trait: String) -> Bool {
        guard let first = trait.utf8.first, (0x41...0x5A).contains(first) || (0x61...0x7A).contains(first) else { return false }
        return trait.utf8.allSatisfy { byte in
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")
        }
    }
}
