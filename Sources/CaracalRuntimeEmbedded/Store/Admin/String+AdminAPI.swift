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
