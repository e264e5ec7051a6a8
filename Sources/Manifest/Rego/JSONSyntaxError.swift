/// Why a JSON text could not be read, and where.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A whole sentence saying what is wrong.
    public var message: String
    /// The 1-based line of the problem.
    public var line: Int
    /// The 1-based column of the problem, counted in Unicode scalars.
    public var column: Int
    /// The 0-based byte offset of the problem.
    public var offset: Int

    /// An error at the given position.
    public init(message: String, line: Int, column: Int, offset: Int) {
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `LINE:COL: MESSAGE`.
    public var description: String { "\(line):\(column): \(message)" }

    /// The error as a `json_syntax` diagnostic in `file`.
    public func diagnostic(file: String) -> Diagnostic {
        .error("json_syntax", message, at: SourceLocation(file: file, line: line, column: column))
    }
}
