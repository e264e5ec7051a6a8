/// Reads the data-document form of Rego that Caracal accepts.
///
/// A data document is a `package` declaration, optional `import` lines and constant rules:
/// `NAME := TERM`, `NAME = TERM`, or any number of `NAME contains TERM` lines, which together
/// build a set. Terms are JSON values plus Rego sets (`{"a", "b"}`, `set()`), raw strings in
/// backticks and trailing commas. Rules with bodies, `else` chains, functions and `default`
/// rules are reported (`rego_rule_not_supported`): the embedded runtime evaluates data only.
///
/// Diagnostic codes: `rego_parse_error`, `rego_rule_not_supported`, `rego_rule_redefined`,
/// `rego_rule_kind_conflict` (one name both assigned and built with `contains`),
/// `rego_non_string_key` and `rego_duplicate_key`.
public enum RegoDataDocumentParser {
    /// Parses `text`, collecting every problem it can find.
    ///
    /// - Parameters:
    ///   - text: The Rego source.
    ///   - file: The file name used in diagnostics; lines and columns (1-based, columns in
    ///     Unicode scalars) are relative to `text`.
    /// - Returns: The document, or `nil` when there is at least one error, and the diagnostics
    ///   in source order.
    public static func parse(_ text: String, file: String) -> (document: RegoDataDocument?, diagnostics: [Diagnostic]) {
        var text = text
        return text.withUTF8 { bytes in
            var parser = RegoTextParser(bytes: bytes, file: file)
            return parser.parseDocument()
        }
    }
}

/// A parse failure inside a term: where (a byte offset) and why.
private struct RegoParseFailure: Error {
    var index: Int
    var message: String
}

/// The parsing state: a cursor over the document's UTF-8 bytes, which a `String` guarantees
/// to be valid. Every position it reports is where a scalar starts, and is shown as a column
/// counted in scalars.
private struct RegoTextParser {
    private enum RuleContent {
        case assigned(RegoValue)
        case contains([RegoValue])
    }

    private struct RuleEntry {
        var name: String
        var location: SourceLocation
        var content: RuleContent
    }

    /// An object member read, with a string key, but not yet put in its object.
    private struct PendingMember {
        var key: String
        var value: RegoValue
        var keyStart: Int
    }

    static let maximumDepth = 512

    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    let lines: RegoLineTable
    var index = 0
    var diagnostics: [Diagnostic] = []
    /// The members of the objects being read, innermost last, so that each object's dictionary
    /// is made once, at its final size, when the object ends.
    private var pendingMembers: [PendingMember] = []

    init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.bytes = bytes
        self.file = file
        lines = RegoLineTable(bytes)
    }

    // MARK: Document

    mutating func parseDocument() -> (document: RegoDataDocument?, diagnostics: [Diagnostic]) {
        var packageName: String?
        var sawPackage = false
        var reportedMissingPackage = false
        var entries: [RuleEntry] = []
        var entryIndex: [String: Int] = [:]
        var previousRuleHadBody = false

        while true {
            skipSpace(acrossLines: true)
            guard let first = peek() else { break }
            let start = index
            guard first.isRegoIdentifierStart else {
                error(at: start, "Expected a rule, found \(describe(at: start)).")
                recoverToNextStatement()
                continue
            }
            let word = readIdentifier()
            switch word {
            case "package":
                if sawPackage {
                    error(at: start, "The document declares a second package; a Rego file has exactly one package declaration.")
                    recoverToNextStatement()
                } else {
                    sawPackage = true
                    packageName = parsePackageName()
                }
                previousRuleHadBody = false
            case "import":
                // Imports are accepted and ignored: constant data never refers to them.
                skipRestOfLine()
            case "else":
                if !previousRuleHadBody {
                    diagnostics.append(.error(
                        "rego_rule_not_supported",
                        "An 'else' rule has a body; caracal-apply's embedded runtime only evaluates data documents (NAME := value).",
                        at: location(start)))
                }
                skipBalancedToEndOfLine()
            case "default":
                skipSpace(acrossLines: false)
                let name = peek()?.isRegoIdentifierStart == true ? readIdentifier() : "default"
                diagnostics.append(.error(
                    "rego_rule_not_supported",
                    "Rule '\(name)' is a default rule; caracal-apply's embedded runtime only evaluates data documents (NAME := value).",
                    at: location(start)))
                skipBalancedToEndOfLine()
                previousRuleHadBody = false
            default:
                if !sawPackage && !reportedMissingPackage {
                    reportedMissingPackage = true
                    error(at: start, "Expected a package declaration before rule '\(word)'; a data document starts with 'package caracal.authz'.")
                }
                previousRuleHadBody = false
                guard let (isContains, value) = parseRule(named: word, at: start, hadBody: &previousRuleHadBody) else {
                    continue
                }
                let here = location(start)
                if let existing = entryIndex[word] {
                    let first = entries[existing]
                    switch (first.content, isContains) {
                    case (.contains(var elements), true):
                        elements.append(value)
                        entries[existing].content = .contains(elements)
                    case (.assigned, false):
                        diagnostics.append(.error(
                            "rego_rule_redefined",
                            "Rule '\(word)' is already defined at line \(first.location.line); a data document defines each rule once.",
                            at: here))
                    case (.contains, false):
                        diagnostics.append(.error(
                            "rego_rule_kind_conflict",
                            "Rule '\(word)' is built with 'contains' at line \(first.location.line) and assigned here; use one form for a rule.",
                            at: here))
                    case (.assigned, true):
                        diagnostics.append(.error(
                            "rego_rule_kind_conflict",
                            "Rule '\(word)' is assigned at line \(first.location.line) and extended with 'contains' here; use one form for a rule.",
                            at: here))
                    }
                } else {
                    entryIndex[word] = entries.count
                    entries.append(RuleEntry(name: word, location: here, content: isContains ? .contains([value]) : .assigned(value)))
                }
            }
        }

        if !sawPackage && !reportedMissingPackage {
            error(at: 0, "The document has no package declaration; a data document starts with 'package caracal.authz'.")
        }
        diagnostics.sort()
        guard let packageName, !diagnostics.contains(where: { $0.severity == .error }) else {
            return (nil, diagnostics)
        }
        let rules = entries.map { entry -> RegoRule in
            switch entry.content {
            case .assigned(let value):
                return RegoRule(name: entry.name, value: value, location: entry.location)
            case .contains(let elements):
                return RegoRule(name: entry.name, value: .set(RegoSet(elements)), location: entry.location)
            }
        }
        return (RegoDataDocument(packageName: packageName, rules: rules), diagnostics)
    }

    /// Reads `a.b.c` after `package`; reports and returns `nil` when it is malformed.
    private mutating func parsePackageName() -> String? {
        skipSpace(acrossLines: false)
        var parts: [String] = []
        while true {
            guard let byte = peek(), byte.isRegoIdentifierStart else {
                error(at: index, "Expected a package name, found \(describe(at: index)).")
                recoverToNextStatement()
                return nil
            }
            parts.append(readIdentifier())
            if peek() == UInt8(ascii: ".") {
                index += 1
            } else {
                break
            }
        }
        guard expectEndOfLine(after: "the package declaration") else {
            recoverToNextStatement()
            return nil
        }
        return parts.joined(separator: ".")
    }

    /// Parses what follows a rule name. Returns `nil` (after reporting) for unsupported or
    /// malformed rules.
    private mutating func parseRule(named name: String, at start: Int, hadBody: inout Bool) -> (Bool, RegoValue)? {
        skipSpace(acrossLines: false)
        let isContains: Bool
        if peek() == UInt8(ascii: ":") && peek(1) == UInt8(ascii: "=") {
            index += 2
            isContains = false
        } else if peek() == UInt8(ascii: "=") && peek(1) != UInt8(ascii: "=") {
            index += 1
            isContains = false
        } else if isAtWord("contains") {
            index += "contains".utf8.count
            isContains = true
        } else if let next = peek(), "{([.".utf8.contains(next) || isAtWord("if") {
            let what = next == UInt8(ascii: "(") ? "is a function" : "has a body"
            reportBody(name, what, at: start)
            hadBody = true
            skipBalancedToEndOfLine()
            return nil
        } else {
            error(at: index, "Expected ':=', '=' or 'contains' after rule name '\(name)', found \(describe(at: index)).")
            recoverToNextStatement()
            return nil
        }
        do {
            let value = try parseTerm(depth: 0)
            skipSpace(acrossLines: false)
            if isAtWord("if") || isAtWord("else") {
                reportBody(name, "has a body", at: start)
                hadBody = true
                skipBalancedToEndOfLine()
                return nil
            }
            guard expectEndOfLine(after: "the value of rule '\(name)'") else {
                recoverToNextStatement()
                return nil
            }
            return (isContains, value)
        } catch {
            self.error(at: error.index, error.message)
            recoverToNextStatement()
            return nil
        }
    }

    private mutating func reportBody(_ name: String, _ what: String, at start: Int) {
        diagnostics.append(.error(
            "rego_rule_not_supported",
            "Rule '\(name)' \(what); caracal-apply's embedded runtime only evaluates data documents (NAME := value).",
            at: location(start)))
    }

    /// Checks that only spaces or a comment follow on this line.
    private mutating func expectEndOfLine(after what: String) -> Bool {
        skipSpace(acrossLines: false)
        guard let byte = peek(), byte != UInt8(ascii: "\n") else { return true }
        error(at: index, "Expected the end of the line after \(what), found \(describe(at: index)).")
        return false
    }

    // MARK: Terms

    private mutating func parseTerm(depth: Int) throws(RegoParseFailure) -> RegoValue {
        skipSpace(acrossLines: true)
        guard depth < Self.maximumDepth else {
            throw RegoParseFailure(index: index, message: "The value is nested more than \(Self.maximumDepth) levels deep.")
        }
        guard let byte = peek() else {
            throw RegoParseFailure(index: index, message: "Expected a value, found the end of the document.")
        }
        switch byte {
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "`"):
            return .string(try parseRawString())
        case UInt8(ascii: "["):
            return try parseArray(depth: depth)
        case UInt8(ascii: "{"):
            return try parseObjectOrSet(depth: depth)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            guard byte.isRegoIdentifierStart else {
                throw RegoParseFailure(index: index, message: "Expected a value, found \(describe(at: index)).")
            }
            let start = index
            let word = readIdentifier()
            switch word {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            case "set":
                skipSpace(acrossLines: false)
                if peek() == UInt8(ascii: "(") {
                    index += 1
                    skipSpace(acrossLines: true)
                    if peek() == UInt8(ascii: ")") {
                        index += 1
                        return .set(RegoSet([]))
                    }
                    throw RegoParseFailure(index: index, message: "Expected ')' after 'set(', found \(describe(at: index)).")
                }
                fallthrough
            default:
                throw RegoParseFailure(
                    index: start,
                    message: "Expected a value, found '\(word)'; a data document may only contain constant values.")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(RegoParseFailure) -> RegoValue {
        index += 1
        var elements: [RegoValue] = []
        skipSpace(acrossLines: true)
        if peek() == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseTerm(depth: depth + 1))
            skipSpace(acrossLines: true)
            if peek() == UInt8(ascii: ",") {
                index += 1
                skipSpace(acrossLines: true)
                if peek() == UInt8(ascii: "]") {
                    index += 1
                    return .array(elements)
                }
            } else if peek() == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            } else {
                throw RegoParseFailure(index: index, message: "Expected ',' or ']' in the array, found \(describe(at: index)).")
            }
        }
    }

    private mutating func parseObjectOrSet(depth: Int) throws(RegoParseFailure) -> RegoValue {
        index += 1
        skipSpace(acrossLines: true)
        if peek() == UInt8(ascii: "}") {
            index += 1
            return .object([:])
        }
        let firstStart = index
        let first = try parseTerm(depth: depth + 1)
        skipSpace(acrossLines: true)
        if peek() == UInt8(ascii: ":") {
            return try parseObject(firstKey: first, at: firstStart, depth: depth)
        }
        var elements = [first]
        while true {
            if peek() == UInt8(ascii: ",") {
                index += 1
                skipSpace(acrossLines: true)
                if peek() == UInt8(ascii: "}") {
                    index += 1
                    break
                }
            } else if peek() == UInt8(ascii: "}") {
                index += 1
                break
            } else {
                throw RegoParseFailure(index: index, message: "Expected ',' or '}' in the set, found \(describe(at: index)).")
            }
            elements.append(try parseTerm(depth: depth + 1))
            skipSpace(acrossLines: true)
        }
        return .set(RegoSet(elements))
    }

    private mutating func parseObject(firstKey: RegoValue, at firstStart: Int, depth: Int) throws(RegoParseFailure) -> RegoValue {
        let base = pendingMembers.count
        do throws(RegoParseFailure) {
            var key = firstKey
            var keyStart = firstStart
            while true {
                guard peek() == UInt8(ascii: ":") else {
                    throw RegoParseFailure(index: index, message: "Expected ':' after the object key, found \(describe(at: index)).")
                }
                index += 1
                let value = try parseTerm(depth: depth + 1)
                if case .string(let name) = key {
                    pendingMembers.append(PendingMember(key: name, value: value, keyStart: keyStart))
                } else {
                    diagnostics.append(.error(
                        "rego_non_string_key",
                        "Object keys must be strings; this key is a \(key.typeName).",
                        at: location(keyStart)))
                }
                skipSpace(acrossLines: true)
                if peek() == UInt8(ascii: ",") {
                    index += 1
                    skipSpace(acrossLines: true)
                    if peek() == UInt8(ascii: "}") {
                        index += 1
                        return .object(takeMembers(from: base))
                    }
                } else if peek() == UInt8(ascii: "}") {
                    index += 1
                    return .object(takeMembers(from: base))
                } else {
                    throw RegoParseFailure(index: index, message: "Expected ',' or '}' in the object, found \(describe(at: index)).")
                }
                keyStart = index
                key = try parseTerm(depth: depth + 1)
                skipSpace(acrossLines: true)
            }
        } catch {
            // The members read before the failure still have their duplicate keys reported.
            _ = takeMembers(from: base)
            throw error
        }
    }

    /// Pops the members pushed since `base` and makes their object, keeping the first value of
    /// a key; every later one is reported as a duplicate.
    private mutating func takeMembers(from base: Int) -> [String: RegoValue] {
        // Made at its final size: one hash per key, and no rehashing as keys arrive.
        let members = Dictionary(pendingMembers[base...].lazy.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        if members.count < pendingMembers.count - base { reportDuplicateKeys(from: base) }
        pendingMembers.removeSubrange(base...)
        return members
    }

    private mutating func reportDuplicateKeys(from base: Int) {
        var firstKeyStarts: [String: Int] = [:]
        for member in pendingMembers[base...] {
            guard let first = firstKeyStarts[member.key] else {
                firstKeyStarts[member.key] = member.keyStart
                continue
            }
            diagnostics.append(.error(
                "rego_duplicate_key",
                "Duplicate key '\(member.key)' in the object; the first is at line \(lines.line(of: first)).",
                at: location(member.keyStart)))
        }
    }

    /// Reads a string starting at its opening quote. Without escapes, the string is its bytes
    /// between the quotes; with them, it is put together from the runs between escapes.
    private mutating func parseString() throws(RegoParseFailure) -> String {
        let start = index
        index += 1
        var runStart = index
        var hasEscapes = false
        var decoded: [UInt8] = []
        while true {
            while index < bytes.count, !Self.endsStringRun(bytes[index]) { index += 1 }
            guard let byte = peek(), byte != UInt8(ascii: "\n") else {
                throw RegoParseFailure(index: start, message: "The string is not terminated before the end of the line.")
            }
            switch byte {
            case UInt8(ascii: "\""):
                let run = UnsafeBufferPointer(rebasing: bytes[runStart..<index])
                index += 1
                guard hasEscapes else { return String(decoding: run, as: UTF8.self) }
                decoded.append(contentsOf: run)
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                hasEscapes = true
                decoded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                decoded.append(contentsOf: try parseEscape().utf8)
                runStart = index
            default:
                throw RegoParseFailure(
                    index: index,
                    message: "Control character U+\(Self.hex4(UInt32(byte))) must be escaped in a string.")
            }
        }
    }

    /// Whether `byte` ends a run of a string's plain content: a quote, a backslash or a
    /// control character (a line break among them).
    private static func endsStringRun(_ byte: UInt8) -> Bool {
        ByteWord.isJSONSpecial(byte)
    }

    /// Reads an escape sequence starting at the backslash.
    private mutating func parseEscape() throws(RegoParseFailure) -> Unicode.Scalar {
        let start = index
        index += 1
        guard let letter = peek() else {
            throw RegoParseFailure(index: start, message: "The string is not terminated before the end of the document.")
        }
        index += 1
        switch letter {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try readHex4(escapeStart: start)
            if (0xDC00...0xDFFF).contains(high) {
                throw RegoParseFailure(index: start, message: "The escape '\\u\(Self.hex4(high))' is a lone low surrogate.")
            }
            guard (0xD800...0xDBFF).contains(high) else { return Unicode.Scalar(high)! }
            guard peek() == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "u") else {
                throw RegoParseFailure(index: start, message: "The escape '\\u\(Self.hex4(high))' is a high surrogate without a low surrogate after it.")
            }
            index += 2
            let low = try readHex4(escapeStart: start)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw RegoParseFailure(index: start, message: "The escape '\\u\(Self.hex4(high))' is a high surrogate without a low surrogate after it.")
            }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
        default:
            throw RegoParseFailure(index: start, message: "Invalid escape sequence '\\\(scalar(at: start + 1))' in a string.")
        }
    }

    private mutating func readHex4(escapeStart: Int) throws(RegoParseFailure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek(), let digit = Self.hexValue(byte) else {
                throw RegoParseFailure(index: escapeStart, message: "Expected four hexadecimal digits after '\\u'.")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private mutating func parseRawString() throws(RegoParseFailure) -> String {
        let start = index
        index += 1
        while let byte = peek() {
            index += 1
            if byte == UInt8(ascii: "`") {
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<(index - 1)]), as: UTF8.self)
            }
        }
        throw RegoParseFailure(index: start, message: "The raw string is not terminated before the end of the document.")
    }

    private mutating func parseNumber() throws(RegoParseFailure) -> RegoNumber {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        // Take the whole token, valid or not, so the message quotes what was written.
        while let byte = peek() {
            if byte.isRegoIdentifierPart || byte == UInt8(ascii: ".") {
                index += 1
            } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-"), index > start,
                      bytes[index - 1] == UInt8(ascii: "e") || bytes[index - 1] == UInt8(ascii: "E") {
                index += 1
            } else {
                break
            }
        }
        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let number = RegoNumber(literal: literal) else {
            throw RegoParseFailure(index: start, message: "Invalid number '\(literal)'; numbers are written as in JSON and must be finite.")
        }
        return number
    }

    // MARK: Scanning

    private func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    /// Where the identifier that starts at `offset` ends; `offset` itself when none starts there.
    private func identifierEnd(from offset: Int) -> Int {
        guard offset < bytes.count, bytes[offset].isRegoIdentifierStart else { return offset }
        var end = offset + 1
        while end < bytes.count, bytes[end].isRegoIdentifierPart { end += 1 }
        return end
    }

    /// Whether the identifier at the current position is `word`, without consuming it.
    private func isAtWord(_ word: String) -> Bool {
        let end = identifierEnd(from: index)
        return end > index && bytes[index..<end].elementsEqual(word.utf8)
    }

    /// Reads the identifier at the current position; the caller has checked that one starts here.
    private mutating func readIdentifier() -> String {
        let start = index
        index = identifierEnd(from: index)
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// Skips blanks and comments, and line breaks too when `acrossLines` is set.
    private mutating func skipSpace(acrossLines: Bool) {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "\n"):
                guard acrossLines else { return }
                index += 1
            case UInt8(ascii: "#"):
                skipRestOfLine()
            default:
                return
            }
        }
    }

    private mutating func skipRestOfLine() {
        while let byte = peek(), byte != UInt8(ascii: "\n") { index += 1 }
    }

    /// Skips a rule with a body: to the end of the line, past any brackets and strings opened
    /// on the way, so that a multi-line body is skipped whole.
    private mutating func skipBalancedToEndOfLine() {
        var depth = 0
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "\n") where depth == 0:
                return
            case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "("):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")"):
                depth = max(0, depth - 1)
            case UInt8(ascii: "#"):
                skipRestOfLine()
                continue
            case UInt8(ascii: "\""):
                index += 1
                while let next = peek(), next != UInt8(ascii: "\""), next != UInt8(ascii: "\n") {
                    index += next == UInt8(ascii: "\\") ? 2 : 1
                }
            case UInt8(ascii: "`"):
                index += 1
                while let next = peek(), next != UInt8(ascii: "`") { index += 1 }
            default:
                break
            }
            index += 1
        }
    }

    /// After an error, skips to the next line that starts with an identifier in column 1: the
    /// most likely start of the next rule.
    private mutating func recoverToNextStatement() {
        while index < bytes.count {
            skipRestOfLine()
            guard index < bytes.count else { return }
            index += 1
            if let byte = peek(), byte.isRegoIdentifierStart { return }
        }
    }

    // MARK: Positions and messages

    private func location(_ offset: Int) -> SourceLocation {
        let (line, column) = lines.position(of: offset, in: bytes)
        return SourceLocation(file: file, line: line, column: column)
    }

    private mutating func error(at offset: Int, _ message: String) {
        diagnostics.append(.error("rego_parse_error", message, at: location(offset)))
    }

    /// How the text at `offset` is quoted in a message.
    private func describe(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the document" }
        let byte = bytes[offset]
        if byte == UInt8(ascii: "\n") { return "the end of the line" }
        if byte.isRegoIdentifierStart {
            let word = UnsafeBufferPointer(rebasing: bytes[offset..<identifierEnd(from: offset)])
            return "'" + String(decoding: word, as: UTF8.self) + "'"
        }
        if byte < 0x20 { return "U+\(Self.hex4(UInt32(byte)))" }
        return "'\(scalar(at: offset))'"
    }

    /// The scalar whose UTF-8 encoding starts at `offset`, a scalar boundary before the end.
    private func scalar(at offset: Int) -> Unicode.Scalar {
        var iterator = bytes[offset...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return "\u{FFFD}" }
        return scalar
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - 0x30)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - 0x61 + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - 0x41 + 10)
        default: return nil
        }
    }

    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
