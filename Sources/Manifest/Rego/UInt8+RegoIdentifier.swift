extension UInt8 {
    /// Whether this UTF-8 byte can start a Rego identifier: `_` or an ASCII letter.
    var isRegoIdentifierStart: Bool {
        switch self {
        case UInt8(ascii: "_"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): true
        default: false
        }
    }

    /// Whether this UTF-8 byte can continue a Rego identifier: `_`, an ASCII letter or digit.
    var isRegoIdentifierPart: Bool {
        isRegoIdentifierStart || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}
