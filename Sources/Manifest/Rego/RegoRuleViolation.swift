/// A Rego rule of the Admin API that a policy's content breaks.
public struct RegoRuleViolation: Sendable, Hashable, CustomStringConvertible {
    /// The Admin API's rule id, as returned in `error_description`, e.g. `unbalanced_delimiters`
    /// or `data_document_rule_not_allowed:foo`.
    public var ruleID: String
    /// One or more whole sentences saying what is wrong.
    public var message: String
    /// The 1-based line within the content, when the problem has a place.
    public var line: Int?
    /// The 1-based column (in Unicode scalars) within the content, when the problem has a place.
    public var column: Int?

    /// A violation of `ruleID`, optionally placed at a line and column of the content.
    public init(ruleID: String, message: String, line: Int? = nil, column: Int? = nil) {
        self.ruleID = ruleID
        self.message = message
        self.line = line
        self.column = column
    }

    /// `LINE:COL: MESSAGE (RULE_ID)`, or just the message and rule id without a place.
    public var description: String {
        if let line, let column { return "\(line):\(column): \(message) (\(ruleID))" }
        return "\(message) (\(ruleID))"
    }

    /// An error diagnostic with the rule id as its code, placed in `file`; a violation with no
    /// place of its own is put at the start of the file.
    public func diagnostic(file: String) -> Diagnostic {
        .error(ruleID, message, at: SourceLocation(file: file, line: line ?? 1, column: column ?? 1))
    }
}
