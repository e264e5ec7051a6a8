/// Rego source with comments and string literals blanked out, as the Admin API's checks see it.
///
/// Blanking (rather than removing) keeps every other character at its line and column, so
/// the checks can say where a problem is.
struct RegoStrippedText {
    /// A rule head found at the top level: the name a rule defines and where.
    struct RuleHead: Equatable {
        var name: String
        var line: Int
        var column: Int
    }

    /// The package declaration: the text after `package` and where it starts.
    struct PackageDeclaration: Equatable {
        var name: String
        var line: Int
        var column: Int
    }

    private(set) var scalars: [Unicode.Scalar] = []
    private var lineStarts: [Int] = [0]
    /// The first string literal that does not end, if any.
    private(set) var unterminatedString: RegoRuleViolation?
    /// The first bracket problem in the stripped text, if any.
    private(set) var unbalancedDelimiter: RegoRuleViolation?

    init(_ content: String) {
        let source = Array(content.unicodeScalars)
        scalars.reserveCapacity(source.count)
        for (offset, scalar) in source.enumerated() where scalar == "\n" {
            lineStarts.append(offset + 1)
        }
        var index = 0
        func blank(_ scalar: Unicode.Scalar) -> Unicode.Scalar { scalar == "\n" ? "\n" : " " }
        while index < source.count {
            let scalar = source[index]
            switch scalar {
            case "#":
                while index < source.count, source[index] != "\n" {
                    scalars.append(" ")
                    index += 1
                }
            case "\"":
                let start = index
                scalars.append(" ")
                index += 1
                var closed = false
                while index < source.count, source[index] != "\n" {
                    let current = source[index]
                    scalars.append(" ")
                    index += 1
                    if current == "\"" {
                        closed = true
                        break
                    }
                    if current == "\\", index < source.count, source[index] != "\n" {
                        scalars.append(" ")
                        index += 1
                    }
                }
                if !closed { noteUnterminated(at: start) }
            case "`":
                let start = index
                scalars.append(" ")
                index += 1
                var closed = false
                while index < source.count {
                    let current = source[index]
                    scalars.append(blank(current))
                    index += 1
                    if current == "`" {
                        closed = true
                        break
                    }
                }
                if !closed { noteUnterminated(at: start) }
            default:
                scalars.append(scalar)
                index += 1
            }
        }
        unbalancedDelimiter = findUnbalancedDelimiter()
    }

    private mutating func noteUnterminated(at offset: Int) {
        guard unterminatedString == nil else { return }
        let (line, column) = position(offset)
        unterminatedString = RegoRuleViolation(
            ruleID: "unterminated_string",
            message: "The string that starts here is not terminated.",
            line: line, column: column)
    }

    private func findUnbalancedDelimiter() -> RegoRuleViolation? {
        var open: [(scalar: Unicode.Scalar, offset: Int)] = []
        for (offset, scalar) in scalars.enumerated() {
            switch scalar {
            case "(", "[", "{":
                open.append((scalar, offset))
            case ")", "]", "}":
                let (line, column) = position(offset)
                guard let last = open.popLast() else {
                    return RegoRuleViolation(
                        ruleID: "unbalanced_delimiters",
                        message: "'\(scalar)' has no matching opening delimiter.",
                        line: line, column: column)
                }
                let expected = Self.closing(of: last.scalar)
                if expected != scalar {
                    let (openLine, openColumn) = position(last.offset)
                    return RegoRuleViolation(
                        ruleID: "unbalanced_delimiters",
                        message: "Expected '\(expected)' to close the '\(last.scalar)' at line \(openLine), column \(openColumn), found '\(scalar)'.",
                        line: line, column: column)
                }
            default:
                continue
            }
        }
        if let first = open.first {
            let (line, column) = position(first.offset)
            return RegoRuleViolation(
                ruleID: "unbalanced_delimiters",
                message: "'\(first.scalar)' is never closed.",
                line: line, column: column)
        }
        return nil
    }

    private static func closing(of scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar {
        case "(": return ")"
        case "[": return "]"
        default: return "}"
        }
    }

    /// The first line whose first word is `package`, with the rest of that line.
    func packageDeclaration() -> PackageDeclaration? {
        for (lineIndex, start) in lineStarts.enumerated() {
            var index = start
            while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
            guard word(at: index) == "package" else { continue }
            index += "package".count
            guard index >= scalars.count || [" ", "\t", "\r", "\n"].contains(scalars[index]) else { continue }
            while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
            let nameStart = index
            while index < scalars.count, scalars[index] != "\n" { index += 1 }
            var name = String(String.UnicodeScalarView(scalars[nameStart..<index]))
            while let last = name.unicodeScalars.last, last.properties.isWhitespace { name.unicodeScalars.removeLast() }
            return PackageDeclaration(name: name, line: lineIndex + 1, column: nameStart - start + 1)
        }
        return nil
    }

    /// Where `name` is first used as a whole reference (not part of a longer name).
    func firstUse(of name: String) -> (line: Int, column: Int)? {
        let needle = Array(name.unicodeScalars)
        guard needle.count <= scalars.count else { return nil }
        for start in 0...(scalars.count - needle.count) where scalars[start] == needle[0] {
            guard scalars[start..<(start + needle.count)].elementsEqual(needle) else { continue }
            if start > 0, Self.isIdentifierPart(scalars[start - 1]) || scalars[start - 1] == "." { continue }
            let end = start + needle.count
            if end < scalars.count, Self.isIdentifierPart(scalars[end]) { continue }
            return position(start)
        }
        return nil
    }

    /// The rule names defined at the top level: the first word of each line outside any
    /// brackets, except `package`, `import` and `else`; for `default NAME`, the NAME.
    func ruleHeads() -> [RuleHead] {
        var heads: [RuleHead] = []
        var depth = 0
        var atLineStart = true
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if atLineStart && depth == 0 && Self.isIdentifierStart(scalar) {
                atLineStart = false
                var nameOffset = index
                var name = word(at: index)!
                if name == "default" {
                    var next = index + name.count
                    while next < scalars.count, scalars[next] == " " || scalars[next] == "\t" { next += 1 }
                    if let defined = word(at: next) {
                        name = defined
                        nameOffset = next
                    }
                }
                if !["package", "import", "else"].contains(name) {
                    let (line, column) = position(nameOffset)
                    heads.append(RuleHead(name: name, line: line, column: column))
                }
                index += 1
                continue
            }
            switch scalar {
            case "\n": atLineStart = true
            case " ", "\t", "\r": break
            case "(", "[", "{":
                depth += 1
                atLineStart = false
            case ")", "]", "}":
                depth = max(0, depth - 1)
                atLineStart = false
            default:
                atLineStart = false
            }
            index += 1
        }
        return heads
    }

    private func word(at index: Int) -> String? {
        guard index < scalars.count, Self.isIdentifierStart(scalars[index]) else { return nil }
        var end = index
        while end < scalars.count, Self.isIdentifierPart(scalars[end]) { end += 1 }
        return String(String.UnicodeScalarView(scalars[index..<end]))
    }

    private func position(_ offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.isASCIILetter
    }

    private static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || ("0"..."9").contains(scalar)
    }
}
