import Manifest

/// Fields every object gets from the server.
enum ServerFields {
    /// Who the embedded runtime records as the author of every change.
    static let actor = "admin:embedded"

    /// `id`, `created_*` and `updated_*` for a new object.
    static func created(id: String, at timestamp: String) -> [String: RegoValue] {
        [
            "id": .string(id),
            "created_at": .string(timestamp),
            "updated_at": .string(timestamp),
            "created_by": .string(actor),
            "updated_by": .string(actor),
            "created_via_operator": .bool(false),
            "updated_via_operator": .bool(false),
        ]
    }

    /// Marks an update.
    static func touch(_ fields: inout [String: RegoValue], at timestamp: String) {
        fields["updated_at"] = .string(timestamp)
        fields["updated_by"] = .string(actor)
        fields["updated_via_operator"] = .bool(false)
    }
}
