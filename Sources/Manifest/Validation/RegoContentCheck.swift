/// Checks a policy's Rego text the way the Admin API will, and parses its data rules.
enum RegoContentCheck {
    /// Where the Rego text came from, to place its diagnostics.
    enum Origin {
        /// A `.rego` file named by `spec.source`.
        case file(path: String)
        /// The `spec.content` scalar of a manifest whose text is `source`.
        case inline(YAMLNode, source: String)
    }

    /// Reports the Admin API rule violations and parse problems of `text`, and returns the data
    /// rules it defines (`nil` when it has errors).
    static func check(_ text: String, origin: Origin, context: inout DecodingContext) -> [String: RegoValue]? {
        let file: String
        switch origin {
        case .file(let path): file = path
        case .inline(let node, _): file = node.location.file
        }
        var diagnostics = RegoPolicyRules.allViolations(in: text).map { $0.diagnostic(file: file) }
        let blocking: Set<String> = ["content_too_large", "empty_policy", "unterminated_string", "unbalanced_delimiters"]
        var rules: [String: RegoValue]?
        if !diagnostics.contains(where: { blocking.contains($0.code) }) {
            let parsed = RegoDataDocumentParser.parse(text, file: file)
            let known = Set(diagnostics.map { "\($0.location?.line ?? 0):\($0.code)" })
            diagnostics += parsed.diagnostics.filter { !known.contains("\($0.location?.line ?? 0):\($0.code)") }
            rules = parsed.document?.values
        }
        if case .inline(let node, let source) = origin {
            diagnostics = diagnostics.map { relocate($0, into: node, source: source) }
        }
        context.diagnostics += diagnostics
        return diagnostics.contains { $0.severity == .error } ? nil : rules
    }

    /// Moves a diagnostic from a position in inline content to the same place in the manifest.
    private static func relocate(_ diagnostic: Diagnostic, into node: YAMLNode, source: String) -> Diagnostic {
        var moved = diagnostic
        guard let location = diagnostic.location, case .scalar(_, let style) = node.content else { return diagnostic }
        let line: Int
        let column: Int
        switch style {
        case .literal:
            // The content starts on the line after the `|` indicator, at the block's indentation.
            line = node.location.line + location.line
            column = indentation(ofLine: line, in: source) + location.column
        case .plain, .singleQuoted, .doubleQuoted:
            // Only single-line flow scalars map characters to columns one-to-one.
            let oneLine = node.location.line == node.end.line && location.line == 1
            line = node.location.line
            column = oneLine ? node.location.column + (style == .plain ? 0 : 1) + location.column - 1 : node.location.column
        case .folded:
            line = node.location.line
            column = node.location.column
        }
        moved.location = SourceLocation(file: node.location.file, line: line, column: column)
        return moved
    }

    private static func indentation(ofLine number: Int, in source: String) -> Int {
        var line = 1
        var index = source.utf8.startIndex
        while line < number, let newline = source.utf8[index...].firstIndex(of: UInt8(ascii: "\n")) {
            index = source.utf8.index(after: newline)
            line += 1
        }
        return source.utf8[index...].prefix(while: { $0 == UInt8(ascii: " ") }).count
    }
}
