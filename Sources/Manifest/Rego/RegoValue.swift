/// A value in Rego's data model: JSON plus sets.
///
/// Sets stay distinct from arrays because the decision contract treats them differently (a
/// `risk` set is malformed, a `restrict` set is not).
public enum RegoValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(RegoNumber)
    case string(String)
    case array([RegoValue])
    case object([String: RegoValue])
    case set(RegoSet)

    /// A whole number.
    public static func int(_ value: Int) -> RegoValue { .number(RegoNumber(value)) }

    /// The value under `key` when this is an object.
    public subscript(key: String) -> RegoValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The string, when this is one.
    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// The name of the value's type, as Rego's `type_name` gives it.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        case .set: return "set"
        }
    }
}
