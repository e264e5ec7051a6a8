/// Rego source with comments and string literals blanked out, as the Admin API's checks see it.
///
/// Blanking (rather than removing) keeps every other character at its line and column, so
/// the checks can say where a problem is. The text is kept as UTF-8 bytes in which each blanked
/// scalar is a single space: it holds one scalar for each scalar of the source, and columns
/// count scalars.
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

    private let bytes: [UInt8]
    private let lines: RegoLineTable
    /// The first string literal that does not end, if any.
    private(set) var unterminatedString: RegoRuleViolation?
    /// The first bracket problem in the stripped text, if any.
    private(set) var unbalancedDelimiter: RegoRuleViolation?

    init(_ content: String) {
        var content = content
        var unterminatedOffset: Int?
        bytes = content.withUTF8 { Self.strip($0, firstUnterminatedString: &unterminatedOffset) }
        lines = bytes.withUnsafeBufferPointer(RegoLineTable.init)
        if let unterminatedOffset {
            let (line, column) = position(unterminatedOffset)
            unterminatedString = RegoRuleViolation(
                ruleID: "unterminated_string",
                message: "The string that starts here is not terminated.",
                line: line, column: column)
        }
        unbalancedDelimiter = findUnbalancedDelimiter()
    }

    /// `source` with every scalar of a comment or string literal replaced by one space (line
    /// breaks in raw strings stay), and where in the result the first unterminated string starts.
    private static func strip(
        _ source: UnsafeBufferPointer<UInt8>, firstUnterminatedString: inout Int?
    ) -> [UInt8] {
        // Each byte of the source gives at most one byte of the result.
        [UInt8](unsafeUninitializedCapacity: source.count) { stripped, count in
            var index = 0
            /// Blanks the byte at `index`: one space for the first byte of a scalar, except that a
            /// line break stays; the other bytes of a scalar give nothing.
            func blankByte() {
                let byte = source[index]
                if byte & 0xC0 != 0x80 {
                    stripped[count] = byte == UInt8(ascii: "\n") ? byte : UInt8(ascii: " ")
                    count += 1
                }
                index += 1
            }
            while index < source.count {
                switch source[index] {
                case UInt8(ascii: "#"):
                    while index < source.count, source[index] != UInt8(ascii: "\n") { blankByte() }
                case UInt8(ascii: "\""):
                    let start = count
                    blankByte()
                    var closed = false
                    while index < source.count, source[index] != UInt8(ascii: "\n") {
                        let current = source[index]
                        blankByte()
                        if current == UInt8(ascii: "\"") {
                            closed = true
                            break
                        }
                        if current == UInt8(ascii: "\\"), index < source.count, source[index] != UInt8(ascii: "\n") {
                            blankByte()
                        }
                    }
                    if !closed, firstUnterminatedString == nil { firstUnterminatedString = start }
                case UInt8(ascii: "`"):
                    let start = count
                    blankByte()
                    var closed = false
                    while index < source.count {
                        let current = source[index]
                        blankByte()
                        if current == UInt8(ascii: "`") {
                            closed = true
                            break
                        }
                    }
                    if !closed, firstUnterminatedString == nil { firstUnterminatedString = start }
                default:
                    // Everything else is kept, up to the next comment or string.
                    repeat {
                        stripped[count] = source[index]
                        count += 1
                        index += 1
                    } while index < source.count && !Self.opensCommentOrString(source[index])
                }
            }
        }
    }

    private static func opensCommentOrString(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "#") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "`")
    }

    private func findUnbalancedDelimiter() -> RegoRuleViolation? {
        var open: [(byte: UInt8, offset: Int)] = []
        var offset = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            defer { offset += 1 }
            switch byte {
            case UInt8(ascii: " "):
                offset = endOfSpaces(from: offset) - 1
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                open.append((byte, offset))
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                let found = Unicode.Scalar(byte)
                guard let last = open.popLast() else {
                    let (line, column) = position(offset)
                    return RegoRuleViolation(
                        ruleID: "unbalanced_delimiters",
                        message: "'\(found)' has no matching opening delimiter.",
                        line: line, column: column)
                }
                let opening = Unicode.Scalar(last.byte)
                let expected = Self.closing(of: opening)
                if expected != found {
                    let (line, column) = position(offset)
                    let (openLine, openColumn) = position(last.offset)
                    return RegoRuleViolation(
                        ruleID: "unbalanced_delimiters",
                        message: "Expected '\(expected)' to close the '\(opening)' at line \(openLine), column \(openColumn), found '\(found)'.",
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
                message: "'\(Unicode.Scalar(first.byte))' is never closed.",
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
        for (lineIndex, start) in lines.starts.enumerated() {
            var index = skipBlanks(from: start)
            guard let end = wordEnd(at: index), bytes[index..<end].elementsEqual("package".utf8) else { continue }
            index = end
            guard index >= bytes.count || " \t\r\n".utf8.contains(bytes[index]) else { continue }
            index = skipBlanks(from: index)
            let nameStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            var name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
            while let last = name.unicodeScalars.last, last.properties.isWhitespace { name.unicodeScalars.removeLast() }
            return PackageDeclaration(name: name, line: lineIndex + 1, column: position(nameStart).column)
        }
        return nil
    }

    /// Where each of `names` is first used as a whole reference (not part of a longer name or
    /// a later part of a dotted one), in the order of `names`; `nil` for a name never used.
    func firstUses(of names: [String]) -> [(line: Int, column: Int)?] {
        let needles = names.map { Array($0.utf8) }
        var startsANeedle = [Bool](repeating: false, count: 256)
        for needle in needles {
            if let first = needle.first { startsANeedle[Int(first)] = true }
        }
        var found = [Int?](repeating: nil, count: needles.count)
        var unfound = needles.filter { !$0.isEmpty }.count
        // One pass for all names: only a byte that starts some name, where a reference can
        // start, is compared with them.
        var offset = 0
        while unfound > 0, offset < bytes.count {
            defer { offset += 1 }
            guard startsANeedle[Int(bytes[offset])] else { continue }
            if offset > 0, bytes[offset - 1].isRegoIdentifierPart || bytes[offset - 1] == UInt8(ascii: ".") { continue }
            for (which, needle) in needles.enumerated() where found[which] == nil && needle.first == bytes[offset] {
                let end = offset + needle.count
                guard end <= bytes.count, bytes[offset..<end].elementsEqual(needle) else { continue }
                if end < bytes.count, bytes[end].isRegoIdentifierPart { continue }
                found[which] = offset
                unfound -= 1
            }
        }
        return found.map { $0.map(position) }
    }

    /// The rule names defined at the top level: the first word of each line outside any
    /// brackets, except `package`, `import` and `else`; for `default NAME`, the NAME.
    func ruleHeads() -> [RuleHead] {
        var heads: [RuleHead] = []
        var depth = 0
        var atLineStart = true
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if atLineStart && depth == 0, let end = wordEnd(at: index) {
                atLineStart = false
                var nameOffset = index
                var name = String(decoding: bytes[index..<end], as: UTF8.self)
                if name == "default" {
                    let next = skipBlanks(from: end)
                    if let definedEnd = wordEnd(at: next) {
                        name = String(decoding: bytes[next..<definedEnd], as: UTF8.self)
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
            switch byte {
            case UInt8(ascii: "\n"): atLineStart = true
            case UInt8(ascii: " "):
                index = endOfSpaces(from: index)
                continue
            case UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                atLineStart = false
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
                atLineStart = false
            default:
                atLineStart = false
            }
            index += 1
        }
        return heads
    }

    /// The offset of the first byte at or after `index` that is not a space or a tab.
    private func skipBlanks(from index: Int) -> Int {
        var index = index
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        return index
    }

    /// The offset of the first byte at or after `index` that is not a space. Blanked strings
    /// make long runs of spaces, so they are skipped eight bytes at a time.
    private func endOfSpaces(from index: Int) -> Int {
        bytes.withUnsafeBytes { raw in
            var index = index
            while index + 8 <= raw.count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) == 0x2020_2020_2020_2020 {
                index += 8
            }
            while index < raw.count, raw[index] == UInt8(ascii: " ") { index += 1 }
            return index
        }
    }

    /// Where the identifier that starts at `index` ends; `nil` when none starts there.
    private func wordEnd(at index: Int) -> Int? {
        guard index < bytes.count, bytes[index].isRegoIdentifierStart else { return nil }
        var end = index + 1
        while end < bytes.count, bytes[end].isRegoIdentifierPart { end += 1 }
        return end
    }

    private func position(_ offset: Int) -> (line: Int, column: Int) {
        lines.position(of: offset, in: bytes)
    }
}
