/// A Rego number: compared by value, written back the way the source wrote it.
///
/// Caracal's engine keeps a number's literal text, so `1800.0` stays `1800.0` in a decision's
/// diagnostics while still equalling `1800`.
public struct RegoNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The numeric value used for comparison and arithmetic.
    public let value: Double
    /// The number as written (a JSON number literal).
    public let literal: String

    /// A number from its literal text; `nil` when the text is not a JSON number.
    public init?(literal: String) {
        guard RegoNumber.isJSONNumber(literal), let value = Double(literal), value.isFinite else { return nil }
        self.value = value
        self.literal = literal
    }

    /// A number whose literal the caller has already checked to be a JSON number of `value`.
    init(checkedValue value: Double, literal: String) {
        self.value = value
        self.literal = literal
    }

    /// A whole number.
    public init(_ value: Int) {
        self.value = Double(value)
        self.literal = String(value)
    }

    /// Whether the value has no fractional part.
    public var isWhole: Bool { value.rounded(.towardZero) == value }

    public var description: String { literal }

    public static func == (lhs: RegoNumber, rhs: RegoNumber) -> Bool { lhs.value == rhs.value }

    public func hash(into hasher: inout Hasher) {
        // -0.0 and 0.0 are equal, so they must hash alike.
        hasher.combine(value == 0 ? 0 : value)
    }

    public static func < (lhs: RegoNumber, rhs: RegoNumber) -> Bool { lhs.value < rhs.value }

    /// Whether `text` is exactly a JSON number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isJSONNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        func digits() -> Int {
            var count = 0
            while let byte = bytes.first, byte >= 0x30, byte <= 0x39 {
                bytes = bytes.dropFirst()
                count += 1
            }
            return count
        }
        guard let first = bytes.first else { return false }
        if first == UInt8(ascii: "0") {
            bytes = bytes.dropFirst()
        } else if digits() == 0 {
            return false
        }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            if digits() == 0 { return false }
        }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                bytes = bytes.dropFirst()
            }
            if digits() == 0 { return false }
        }
        return bytes.isEmpty
    }
}
