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

extension Redaction {
    /// The literal values of secret keys (`api_key: s3cr3t`, `{password: x}`, and block
    /// scalars under `private_key: |`) anywhere in a manifest's text, found line by line
    /// without parsing YAML, so they stay hidden even when the file is not valid YAML.
    ///
    /// Values that are `${…}` references are left alone.
    public static func literalSecrets(in text: String) -> [Redaction] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var redactions: [Redaction] = []
        var blockIndent: Int?
        for (index, line) in lines.enumerated() {
            let scalars = Array(line.unicodeScalars)
            let indent = scalars.prefix { $0 == " " }.count
            if let parent = blockIndent {
                if scalars.allSatisfy({ $0 == " " || $0 == "\r" }) { continue }
                if indent > parent {
                    redactions.append(span(line: index + 1, from: indent, to: scalars.count))
                    continue
                }
                blockIndent = nil
            }
            var position = 0
            while position < scalars.count {
                guard scalars[position] == ":" else { position += 1; continue }
                var start = position
                while start > 0, scalars[start - 1] == "_" || scalars[start - 1].properties.isAlphabetic { start -= 1 }
                let key = String(String.UnicodeScalarView(scalars[start..<position]))
                let before = start == 0 ? " " : scalars[start - 1]
                position += 1
                guard ProviderKind.secretKeys.contains(key), before == " " || before == "{" || before == "," || before == "\"" || before == "'" else { continue }
                var valueStart = position
                while valueStart < scalars.count, scalars[valueStart] == " " { valueStart += 1 }
                var valueEnd = valueStart
                while valueEnd < scalars.count, !",}#\r".unicodeScalars.contains(scalars[valueEnd]) { valueEnd += 1 }
                while valueEnd > valueStart, scalars[valueEnd - 1] == " " { valueEnd -= 1 }
                let value = String(String.UnicodeScalarView(scalars[valueStart..<valueEnd]))
                if value.hasPrefix("${") { continue }
                if value == "|" || value == ">" || value.hasPrefix("|") || value.hasPrefix(">") {
                    blockIndent = indent
                } else if valueEnd > valueStart {
                    redactions.append(span(line: index + 1, from: valueStart, to: valueEnd))
                }
                position = valueEnd
            }
        }
        return redactions
    }

    private static func span(line: Int, from start: Int, to end: Int) -> Redaction {
        Redaction(start: SourceLocation(file: "", line: line, column: start + 1), end: SourceLocation(file: "", line: line, column: end + 1))
    }
}
