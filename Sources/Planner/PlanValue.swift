import Manifest

/// A value in a plan's field diff.
public enum PlanValue: Sendable, Hashable {
    /// The field is not set (before a create, after a delete).
    case absent
    /// A concrete value.
    case value(RegoValue)
    /// A value that only exists after apply, such as the id of an object still to be created.
    case knownAfterApply
    /// A secret: shown as `(sensitive)`, never as its value.
    case sensitive

    /// The value as JSON for plan files: `null` when absent, the value, or a marker string.
    var json: RegoValue {
        switch self {
        case .absent: return .null
        case .value(let value): return value
        case .knownAfterApply: return .string("(known after apply)")
        case .sensitive: return .string("(sensitive)")
        }
    }

    /// The value as a person reads it in text and Markdown plans.
    public var display: String {
        switch self {
        case .absent: return "(none)"
        case .value(let value): return JSONWriter.compact(value)
        case .knownAfterApply: return "(known after apply)"
        case .sensitive: return "(sensitive)"
        }
    }

    /// Reads a value written by ``json``.
    init(json: RegoValue) {
        switch json {
        case .null: self = .absent
        case .string("(known after apply)"): self = .knownAfterApply
        case .string("(sensitive)"): self = .sensitive
        default: self = .value(json)
        }
    }
}
