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
