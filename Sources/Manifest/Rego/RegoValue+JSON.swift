extension RegoValue {
    /// Reads a strict RFC 8259 JSON text (UTF-8) into a value; see ``JSONReader``.
    ///
    /// - Throws: ``JSONSyntaxError`` with the line and column of the first problem.
    public init(jsonBytes: [UInt8]) throws(JSONSyntaxError) {
        self = try JSONReader.value(from: jsonBytes)
    }

    /// The value as compact JSON with sorted keys; see ``JSONWriter``.
    public var jsonText: String { JSONWriter.compact(self) }
}
