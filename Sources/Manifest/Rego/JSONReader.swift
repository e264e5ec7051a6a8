/// A strict RFC 8259 JSON reader that builds ``RegoValue``s straight from UTF-8 bytes.
///
/// It accepts exactly one JSON value surrounded by optional whitespace, and refuses invalid
/// UTF-8, unescaped control characters in strings, lone surrogate escapes, duplicate object
/// keys, numbers that overflow a `Double` and nesting deeper than ``maximumDepth``. Numbers keep
/// their literal text. Errors carry the line and column (in Unicode scalars) of the problem.
public enum JSONReader {
    /// How deeply arrays and objects may nest.
    public static let maximumDepth = 512

    /// Reads the JSON text in `bytes`.
    ///
    /// - Throws: ``JSONSyntaxError`` for the first problem found.
    public static func value(from bytes: [UInt8]) throws(JSONSyntaxError) -> RegoValue {
        try read(bytes) { (parser: inout JSONByteParser) throws(JSONByteParser.Failure) in try parser.parseValue(depth: 0) }
    }

    /// Reads the JSON text in `text`.
    ///
    /// - Throws: ``JSONSyntaxError`` for the first problem found.
    public static func value(from text: String) throws(JSONSyntaxError) -> RegoValue {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONSyntaxError) in try value(from: buffer) }
        }
        return try result.get()
    }

    /// Reads the JSON text in `buffer` without copying it.
    ///
    /// - Throws: ``JSONSyntaxError`` for the first problem found.
    public static func value(from buffer: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> RegoValue {
        try read(buffer) { (parser: inout JSONByteParser) throws(JSONByteParser.Failure) in try parser.parseValue(depth: 0) }
    }

    /// Reads the JSON object in `bytes` as its members, in the order the text gives them.
    ///
    /// The rules of ``value(from:)-(UnsafeBufferPointer<UInt8>)`` apply, duplicate keys
    /// included. A caller that keeps an object's members in an array (sorted, say) gets them
    /// without a dictionary built only to be taken apart.
    ///
    /// - Throws: ``JSONSyntaxError`` for the first problem found, or when the value is not an
    ///   object.
    public static func members(from bytes: [UInt8]) throws(JSONSyntaxError) -> [(key: String, value: RegoValue)] {
        try read(bytes) { (parser: inout JSONByteParser) throws(JSONByteParser.Failure) in try parser.parseMembers() }
    }

    /// Runs `parse` over the whole of `bytes`, read in place.
    private static func read<Value>(
        _ bytes: [UInt8], _ parse: (inout JSONByteParser) throws(JSONByteParser.Failure) -> Value
    ) throws(JSONSyntaxError) -> Value {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONSyntaxError) in try read(buffer, parse) }
        }
        return try result.get()
    }

    /// Runs `parse` over the whole of `buffer`, allowing whitespace around the value it reads.
    private static func read<Value>(
        _ buffer: UnsafeBufferPointer<UInt8>, _ parse: (inout JSONByteParser) throws(JSONByteParser.Failure) -> Value
    ) throws(JSONSyntaxError) -> Value {
        var parser = JSONByteParser(bytes: buffer)
        do throws(JSONByteParser.Failure) {
            parser.skipWhitespace()
            let value = try parse(&parser)
            parser.skipWhitespace()
            if parser.index < buffer.count {
                throw JSONByteParser.Failure(
                    offset: parser.index, message: "Unexpected \(parser.describe(at: parser.index)) after the JSON value.")
            }
            return value
        } catch {
            let (line, column) = position(of: error.offset, in: buffer)
            throw JSONSyntaxError(message: error.message, line: line, column: column, offset: error.offset)
        }
    }

    /// 1-based line and column (in scalars) of a byte offset.
    private static func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var line = 1
        var column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}

/// The parsing state: a cursor over the bytes.
private struct JSONByteParser {
    struct Failure: Error {
        var offset: Int
        var message: String
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    /// A member read but not yet put in its object.
    private struct PendingMember {
        var key: String
        var value: RegoValue
        var keyOffset: Int
    }

    /// Members of the objects being read, innermost last.
    private var pendingMembers: [PendingMember] = []
    /// Elements of the arrays being read, innermost last.
    private var pendingElements: [RegoValue] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        pendingMembers.reserveCapacity(16)
        pendingElements.reserveCapacity(16)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func parseValue(depth: Int) throws(Failure) -> RegoValue {
        guard index < bytes.count else {
            throw Failure(offset: index, message: "Expected a value, found the end of the input.")
        }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["):
            return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        default:
            throw Failure(offset: index, message: "Expected a value, found \(describe(at: index)).")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(Failure) {
        let count = literal.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        guard index + count <= bytes.count, bytes[index..<(index + count)].elementsEqual(expected) else {
            throw Failure(offset: index, message: "Invalid literal; expected '\(literal)'.")
        }
        index += count
    }

    private mutating func parseObject(depth: Int) throws(Failure) -> RegoValue {
        // Members collect on a stack shared by all objects, so that each dictionary is
        // created once at its final size instead of growing (and rehashing) as keys arrive.
        let base = pendingMembers.count
        try pushMembers(depth: depth)
        return pendingMembers.count == base ? .object([:]) : .object(try takeMembers(from: base))
    }

    /// Reads the object at the cursor into its members in text order, refusing duplicate keys.
    mutating func parseMembers() throws(Failure) -> [(key: String, value: RegoValue)] {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else {
            throw Failure(offset: index, message: "Expected a JSON object, found \(describe(at: index)).")
        }
        try pushMembers(depth: 1)
        defer { pendingMembers.removeAll(keepingCapacity: true) }
        // Keys in ascending order (as JSONWriter writes them) cannot repeat; only others are
        // checked one by one.
        if !pendingMembers.indices.dropFirst().allSatisfy({ pendingMembers[$0 - 1].key < pendingMembers[$0].key }) {
            var seen = Set<String>(minimumCapacity: pendingMembers.count)
            for member in pendingMembers where !seen.insert(member.key).inserted {
                throw Failure(offset: member.keyOffset, message: "Duplicate key \(JSONWriter.quoted(member.key)) in the object.")
            }
        }
        return pendingMembers.map { (key: $0.key, value: $0.value) }
    }

    /// Reads an object from its opening brace past its closing one, pushing its members on
    /// ``pendingMembers``.
    private mutating func pushMembers(depth: Int) throws(Failure) {
        guard depth <= JSONReader.maximumDepth else {
            throw Failure(offset: index, message: "The JSON is nested more than \(JSONReader.maximumDepth) levels deep.")
        }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw Failure(offset: index, message: "Expected a string key in the object, found \(describe(at: index)).")
            }
            let keyOffset = index
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw Failure(offset: index, message: "Expected ':' after the object key, found \(describe(at: index)).")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            pendingMembers.append(PendingMember(key: key, value: value, keyOffset: keyOffset))
            skipWhitespace()
            guard index < bytes.count else {
                throw Failure(offset: index, message: "Expected ',' or '}' in the object, found the end of the input.")
            }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                index += 1
                return
            default:
                throw Failure(offset: index, message: "Expected ',' or '}' in the object, found \(describe(at: index)).")
            }
        }
    }

    /// Builds the object from the members pushed since `base`, and pops them.
    private mutating func takeMembers(from base: Int) throws(Failure) -> [String: RegoValue] {
        var members = [String: RegoValue](minimumCapacity: pendingMembers.count - base)
        for position in base..<pendingMembers.count {
            let member = pendingMembers[position]
            if members.updateValue(member.value, forKey: member.key) != nil {
                throw Failure(offset: member.keyOffset, message: "Duplicate key \(JSONWriter.quoted(member.key)) in the object.")
            }
        }
        pendingMembers.removeLast(pendingMembers.count - base)
        return members
    }

    private mutating func parseArray(depth: Int) throws(Failure) -> RegoValue {
        guard depth <= JSONReader.maximumDepth else {
            throw Failure(offset: index, message: "The JSON is nested more than \(JSONReader.maximumDepth) levels deep.")
        }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array([])
        }
        let base = pendingElements.count
        while true {
            pendingElements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < bytes.count else {
                throw Failure(offset: index, message: "Expected ',' or ']' in the array, found the end of the input.")
            }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                index += 1
                let elements = Array(pendingElements[base...])
                pendingElements.removeLast(pendingElements.count - base)
                return .array(elements)
            default:
                throw Failure(offset: index, message: "Expected ',' or ']' in the array, found \(describe(at: index)).")
            }
        }
    }

    /// Reads a string starting at its opening quote.
    private mutating func parseString() throws(Failure) -> String {
        let quote = index
        index += 1
        let start = index
        // Fast path: no escapes, so the bytes between the quotes are the string.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return string
            } else if byte == UInt8(ascii: "\\") {
                return try parseEscapedString(quote: quote, start: start)
            } else if byte < 0x20 {
                throw controlCharacter(byte)
            } else if byte < 0x80 {
                index += 1
            } else {
                index += try validateUTF8Sequence()
            }
        }
        throw Failure(offset: quote, message: "The string is not terminated.")
    }

    /// The slow path: copies into a buffer, decoding escapes.
    private mutating func parseEscapedString(quote: Int, start: Int) throws(Failure) -> String {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(index - start + 16)
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: buffer, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                try appendEscape(to: &buffer)
            } else if byte < 0x20 {
                throw controlCharacter(byte)
            } else if byte < 0x80 {
                buffer.append(byte)
                index += 1
            } else {
                let length = try validateUTF8Sequence()
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
                index += length
            }
        }
        throw Failure(offset: quote, message: "The string is not terminated.")
    }

    private func controlCharacter(_ byte: UInt8) -> Failure {
        let hex = String(byte, radix: 16, uppercase: true)
        return Failure(
            offset: index,
            message: "Control character U+\(hex.count == 1 ? "000" : "00")\(hex) must be escaped in a string.")
    }

    private mutating func appendEscape(to buffer: inout [UInt8]) throws(Failure) {
        let escape = index
        guard index + 1 < bytes.count else {
            throw Failure(offset: escape, message: "The string is not terminated.")
        }
        let letter = bytes[index + 1]
        index += 2
        switch letter {
        case UInt8(ascii: "\""): buffer.append(0x22)
        case UInt8(ascii: "\\"): buffer.append(0x5C)
        case UInt8(ascii: "/"): buffer.append(0x2F)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var code = try readHex4(escape: escape)
            if (0xDC00...0xDFFF).contains(code) {
                throw Failure(offset: escape, message: "The escape '\\u\(Self.hex4(code))' is a low surrogate without a high surrogate before it.")
            }
            if (0xD800...0xDBFF).contains(code) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw Failure(offset: escape, message: "The escape '\\u\(Self.hex4(code))' is a high surrogate without a low surrogate after it.")
                }
                index += 2
                let low = try readHex4(escape: index - 2)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw Failure(offset: escape, message: "The escape '\\u\(Self.hex4(code))' is a high surrogate without a low surrogate after it.")
                }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            buffer.append(contentsOf: Unicode.Scalar(code)!.utf8)
        default:
            throw Failure(offset: escape, message: "Invalid escape sequence \(describeEscape(letter)) in a string.")
        }
    }

    private func describeEscape(_ letter: UInt8) -> String {
        letter >= 0x21 && letter < 0x7F ? "'\\\(Character(Unicode.Scalar(letter)))'" : "'\\' followed by \(describeByte(letter))"
    }

    private mutating func readHex4(escape: Int) throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else {
            throw Failure(offset: escape, message: "Expected four hexadecimal digits after '\\u'.")
        }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - 0x30
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - 0x61 + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - 0x41 + 10
            default: throw Failure(offset: escape, message: "Expected four hexadecimal digits after '\\u'.")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Checks the multi-byte UTF-8 sequence at `index` and returns its length.
    private func validateUTF8Sequence() throws(Failure) -> Int {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default:
            throw Failure(offset: index, message: "Invalid UTF-8: byte 0x\(String(lead, radix: 16, uppercase: true)) cannot start a character.")
        }
        guard index + length <= bytes.count else {
            throw Failure(offset: index, message: "Invalid UTF-8: the input ends inside a character.")
        }
        for position in 1..<length {
            let byte = bytes[index + position]
            let (min, max) = position == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
            guard byte >= min, byte <= max else {
                throw Failure(offset: index, message: "Invalid UTF-8: byte 0x\(String(byte, radix: 16, uppercase: true)) cannot continue the character that starts here.")
            }
        }
        return length
    }

    private mutating func parseNumber() throws(Failure) -> RegoNumber {
        let start = index
        var isInteger = true
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else {
            throw Failure(offset: index, message: "Expected a digit after '-', found \(describe(at: index)).")
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw Failure(offset: start, message: "Numbers must not have leading zeros.")
            }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw Failure(offset: index, message: "Expected a digit after the decimal point, found \(describe(at: index)).")
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw Failure(offset: index, message: "Expected a digit in the exponent, found \(describe(at: index)).")
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let digits = UnsafeBufferPointer(rebasing: bytes[start..<index])
        let literal = String(decoding: digits, as: UTF8.self)
        let value: Double
        if isInteger && digits.count <= 18 {
            // Up to 18 digits fit an Int, and Int-to-Double conversion rounds exactly as parsing
            // the literal would, without building and re-scanning a String.
            var magnitude = 0
            for byte in digits where byte != UInt8(ascii: "-") { magnitude = magnitude * 10 + Int(byte - 0x30) }
            value = digits[0] == UInt8(ascii: "-") ? -Double(magnitude) : Double(magnitude)
        } else {
            guard let parsed = Double(literal), parsed.isFinite else {
                throw Failure(offset: start, message: "The number \(literal) is too large.")
            }
            value = parsed
        }
        return RegoNumber(checkedValue: value, literal: literal)
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// How the input at `offset` is quoted in a message.
    func describe(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the input" }
        return describeByte(bytes[offset])
    }

    private func describeByte(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte < 0x80 {
            let hex = String(byte, radix: 16, uppercase: true)
            return "U+\(hex.count == 1 ? "000" : "00")\(hex)"
        }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
}
