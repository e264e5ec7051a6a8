/// A span of a source file that must never be shown: a secret written as a literal value.
public struct Redaction: Sendable, Hashable {
    public var start: SourceLocation
    /// Just past the span's last character.
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// `text` with every character of every redaction in it replaced by `*` (line breaks kept).
    public static func apply(_ redactions: [Redaction], to text: String) -> String {
        guard !redactions.isEmpty else { return text }
        var scalars = Array(text.unicodeScalars)
        var lineStarts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { lineStarts.append(index + 1) }
        func offset(_ location: SourceLocation) -> Int {
            guard location.line >= 1, location.line <= lineStarts.count else { return scalars.count }
            return min(scalars.count, lineStarts[location.line - 1] + max(0, location.column - 1))
        }
        for redaction in redactions {
            let lower = offset(redaction.start)
            let upper = max(lower, offset(redaction.end))
            for index in lower..<upper where scalars[index] != "\n" && scalars[index] != "\r" {
                scalars[index] = "*"
            }
        }
        return String(String.UnicodeScalarView(scalars))
    }
}
