/// Prints diagnostics the way a compiler does: `FILE:LINE:COL: error: MESSAGE`, the source
/// line, and a caret under the column; or as JSON for machines.
public struct DiagnosticRenderer: Sendable {
    /// File texts by path, for source lines.
    public var sources: [String: String]
    /// Whether to use ANSI colours.
    public var colored: Bool

    /// The widest source line printed whole; longer lines are shown as a window around the caret.
    static let maxLineWidth = 160

    public init(sources: [String: String], colored: Bool = false) {
        self.sources = sources
        self.colored = colored
    }

    /// One diagnostic: its header line and, when its file is known, the source line and caret.
    public func text(_ diagnostic: Diagnostic) -> String {
        let label = diagnostic.severity == .error ? paint("error:", "1;31") : paint("warning:", "1;33")
        var out = ""
        if let location = diagnostic.location {
            out = "\(paint("\(location):", "1")) \(label) \(diagnostic.message)\n"
            if let line = sourceLine(location) {
                out += excerpt(line, column: location.column)
            }
        } else {
            out = "\(label) \(diagnostic.message)\n"
        }
        return out
    }

    /// Every diagnostic in order, as text.
    public func text(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(text).joined()
    }

    /// `{"diagnostics":[{file,line,column,severity,code,message}], "errors":N, "warnings":N}`.
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        let items = diagnostics.map { diagnostic -> RegoValue in
            var object: [String: RegoValue] = [
                "severity": .string(diagnostic.severity.rawValue),
                "code": .string(diagnostic.code),
                "message": .string(diagnostic.message),
            ]
            if let location = diagnostic.location {
                object["file"] = .string(location.file)
                object["line"] = .int(location.line)
                object["column"] = .int(location.column)
            }
            return .object(object)
        }
        return JSONWriter.pretty(.object([
            "format_version": .int(1),
            "diagnostics": .array(items),
            "errors": .int(diagnostics.count { $0.severity == .error }),
            "warnings": .int(diagnostics.count { $0.severity == .warning }),
        ])) + "\n"
    }

    private func sourceLine(_ location: SourceLocation) -> String? {
        guard let source = sources[location.file], location.line >= 1 else { return nil }
        var current = 1
        var start = source.utf8.startIndex
        while current < location.line {
            guard let newline = source.utf8[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            start = source.utf8.index(after: newline)
            current += 1
        }
        let end = source.utf8[start...].firstIndex(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) ?? source.utf8.endIndex
        return String(source[start..<end])
    }

    private func excerpt(_ line: String, column: Int) -> String {
        let scalars = Array(line.unicodeScalars)
        let caretIndex = max(0, min(column - 1, scalars.count))
        // Show a window around the caret on very long lines.
        var lower = 0
        var upper = scalars.count
        if scalars.count > Self.maxLineWidth {
            lower = max(0, caretIndex - Self.maxLineWidth / 2)
            upper = min(scalars.count, lower + Self.maxLineWidth)
        }
        let shown = scalars[lower..<upper].map { $0.properties.generalCategory == .control && $0 != "\t" ? "?" : Character($0) }
        let prefix = lower > 0 ? "…" : ""
        let suffix = upper < scalars.count ? "…" : ""
        // Keep tabs in the caret line so the caret lines up under tabbed source.
        let padding = scalars[lower..<caretIndex].map { $0 == "\t" ? "\t" : " " }.joined()
        return "    \(prefix)\(String(shown))\(suffix)\n    \(lower > 0 ? " " : "")\(padding)\(paint("^", "1;32"))\n"
    }

    private func paint(_ text: String, _ code: String) -> String {
        colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
