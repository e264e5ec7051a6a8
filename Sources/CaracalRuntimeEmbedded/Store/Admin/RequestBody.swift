import CaracalRuntime
import Manifest

/// An Admin API request body with typed accessors that fail the way the route does: a 400 with
/// the route's bare code (`invalid_zone`, …) or `invalid_body` for the zod-parsed routes.
struct RequestBody {
    let fields: [String: RegoValue]
    /// The code a malformed body gets, such as `invalid_zone` or `invalid_body`.
    let code: String
    /// The object, for messages: "zone", "policy set".
    let noun: String

    init(_ fields: [String: RegoValue], code: String, noun: String) {
        self.fields = fields
        self.code = code
        self.noun = noun
    }

    /// A 400 with the body's code.
    func invalid(_ message: String) -> RuntimeError {
        RuntimeError(status: 400, code: code, message: message)
    }

    /// Refuses keys outside `allowed` (strict routes).
    func rejectUnknownKeys(_ allowed: Set<String>) throws(RuntimeError) {
        let unknown = fields.keys.filter { !allowed.contains($0) }.sorted()
        if let first = unknown.first {
            let list = allowed.sorted().joined(separator: ", ")
            throw invalid("The \(noun) body has an unknown field '\(first)'; the fields are \(list).")
        }
    }

    func has(_ key: String) -> Bool { fields[key] != nil }

    /// A string field; `nil` when absent (or null, when `allowNull`).
    func string(_ key: String, allowNull: Bool = false) throws(RuntimeError) -> String? {
        switch fields[key] {
        case nil: return nil
        case .null? where allowNull: return nil
        case .string(let text)?: return text
        case let value?: throw invalid("The \(noun) field '\(key)' must be a string, not \(value.typeName).")
        }
    }

    /// A required string field.
    func requiredString(_ key: String) throws(RuntimeError) -> String {
        guard let text = try string(key) else { throw invalid("The \(noun) field '\(key)' is required.") }
        return text
    }

    func bool(_ key: String) throws(RuntimeError) -> Bool? {
        switch fields[key] {
        case nil: return nil
        case .bool(let flag)?: return flag
        case let value?: throw invalid("The \(noun) field '\(key)' must be true or false, not \(value.typeName).")
        }
    }

    func array(_ key: String) throws(RuntimeError) -> [RegoValue]? {
        switch fields[key] {
        case nil: return nil
        case .array(let elements)?: return elements
        case let value?: throw invalid("The \(noun) field '\(key)' must be an array, not \(value.typeName).")
        }
    }

    func stringArray(_ key: String) throws(RuntimeError) -> [String]? {
        guard let elements = try array(key) else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            guard case .string(let text) = element else {
                throw invalid("The \(noun) field '\(key)[\(index)]' must be a string, not \(element.typeName).")
            }
            strings.append(text)
        }
        return strings
    }

    func object(_ key: String) throws(RuntimeError) -> [String: RegoValue]? {
        switch fields[key] {
        case nil, .null?: return nil
        case .object(let members)?: return members
        case let value?: throw invalid("The \(noun) field '\(key)' must be an object, not \(value.typeName).")
        }
    }
}

extension String {
    /// Trimmed of the whitespace JavaScript's `trim()` removes.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace && $0 != "\u{FEFF}" }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace && $0 != "\u{FEFF}" })!
        return String(scalars[first...last])
    }

    /// The length as JavaScript counts it (UTF-16 code units), which is what zod limits.
    var jsLength: Int { utf16.count }
}

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

/// Slugs as the Admin API derives them from names.
enum Slug {
    /// Lower-case letters and digits, other runs of characters turned into single hyphens.
    static func derive(from name: String) -> String {
        var out = ""
        var pendingHyphen = false
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return out
    }

    /// `base`, or `base-2`, `base-3`… — the first that `isTaken` refuses.
    static func firstFree(_ base: String, isTaken: (String) -> Bool) -> String {
        if !isTaken(base) { return base }
        var suffix = 2
        while isTaken("\(base)-\(suffix)") { suffix += 1 }
        return "\(base)-\(suffix)"
    }
}
