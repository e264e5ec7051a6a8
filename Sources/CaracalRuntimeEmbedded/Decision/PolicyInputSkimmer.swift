import Foundation
import Manifest

/// Reads the fields the contract needs straight from the JSON text of one policy input, checking
/// the rest of the text without building values for it.
///
/// It takes the common shape only: ASCII text without escapes, numbers without an exponent and
/// of at most ``maximumNumberLength`` characters, objects of at most ``maximumMembers`` members,
/// nesting at most ``maximumDepth`` deep, and an object at the top. For anything else, every
/// malformed text included, `read(_:)` says no and the caller reads the text with `JSONReader`,
/// which reports errors with their position. When it says yes, `fields()` reads the same
/// fields as `PolicyInput(JSONReader.value(from: text))`, or gives up on a field of another
/// shape than a string or an array of strings: within the shape it takes the two read the same
/// JSON, duplicate keys are refused alike, and a key's (or a string's) bytes are its string.
///
/// Replayed traffic comes in a few shapes: the same keys in the same order, with only the
/// values changing. The skimmer keeps the shapes of the last lines it read in full
/// (`InputShape`), and reads a line of a known shape by comparing the bytes between the values
/// with the shape's and reading only the values; the line is then valid JSON exactly when its
/// values are, and its keys are the shape's, already checked.
struct PolicyInputSkimmer: ~Copyable {
    static let maximumDepth = 64
    static let maximumMembers = 32
    static let maximumNumberLength = 18

    /// Why the skimmer gives up on a text: nothing more to say, `JSONReader` says it.
    private struct GiveUp: Error {}

    /// The objects whose members the contract reads.
    enum Object {
        case other, top, principal, resource, action, edge, context, claims
    }

    /// The values the contract reads, as slots for their byte ranges.
    enum Field: Int, CaseIterable {
        case principalID, principalType, labels, resourceID, actionID
        case edge, edgeID, edgeScopes, req, session, claims, claimScope, claimEdgeID, claimTarget

        /// Whether `fields()` reads the value, rather than only testing it.
        var isValue: Bool {
            switch self {
            case .principalID, .labels, .resourceID, .edgeScopes, .req, .claimScope, .claimEdgeID, .claimTarget: return true
            case .principalType, .actionID, .edge, .edgeID, .session, .claims: return false
            }
        }
    }

    /// The most array elements `fields()` reads in place; more go to the general path.
    static let maximumElements = 64

    private var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// The elements of the array fields, for `fields()`, noted while the text is read.
    private let elements = UnsafeMutablePointer<UnsafeRawBufferPointer>.allocate(capacity: maximumElements)
    private var elementCount = 0
    /// Where each array field's elements lie in `elements`; `nil` when it has some other
    /// element than a plain string, or more than fit.
    private let arrays = UnsafeMutablePointer<Range<Int>?>.allocate(capacity: Field.allCases.count)
    private var index = 0
    /// The keys of the objects being read, innermost last, for refusing duplicates: at most
    /// `maximumMembers` for each of `maximumDepth` objects.
    private let keys = UnsafeMutablePointer<Range<Int>>.allocate(capacity: maximumDepth * maximumMembers)
    private var keyCount = 0
    /// Where each field's value lies in the text, when it is present.
    private let ranges = UnsafeMutablePointer<Range<Int>?>.allocate(capacity: Field.allCases.count)

    /// The shapes of recent lines, and the one that matched last, which is tried first.
    private var shapes: [InputShape] = []
    private var lastShape = 0
    /// The shape of the line being read in full, while it is recorded.
    private var recording: InputShape.Recorder?

    /// How many shapes are kept; a line of a new shape replaces the oldest.
    static let maximumShapes = 8
    /// How many lines were read by a known shape rather than in full.
    private(set) var linesReadByShape = 0

    init() {
        ranges.initialize(repeating: nil, count: Field.allCases.count)
        arrays.initialize(repeating: nil, count: Field.allCases.count)
    }

    deinit {
        keys.deallocate()
        elements.deallocate()
        ranges.deallocate()
        arrays.deallocate()
    }

    /// Checks `text` and notes where the fields lie; `false` when `JSONReader` must read it.
    mutating func read(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes = text
        if !shapes.isEmpty {
            if matches(shapes[lastShape]) {
                linesReadByShape += 1
                return true
            }
            for candidate in shapes.indices where candidate != lastShape && matches(shapes[candidate]) {
                lastShape = candidate
                linesReadByShape += 1
                return true
            }
        }
        reset()
        recording = InputShape.Recorder()
        defer { recording = nil }
        do throws(GiveUp) {
            skipWhitespace()
            guard peek == UInt8(ascii: "{") else { return false }
            try readObject(.top, depth: 1)
            skipWhitespace()
            guard index == bytes.count else { return false }
        } catch {
            return false
        }
        if var recorder = recording {
            recorder.mark(.end, at: index, in: bytes)
            remember(recorder.shape)
        }
        return true
    }

    /// Starts reading the text from its first byte with no field found.
    private mutating func reset() {
        index = 0
        keyCount = 0
        elementCount = 0
        for field in 0..<Field.allCases.count {
            ranges[field] = nil
            arrays[field] = nil
        }
    }

    /// Keeps `shape`, in place of the oldest when there are as many as kept.
    private mutating func remember(_ shape: InputShape) {
        if shapes.count < Self.maximumShapes {
            shapes.append(shape)
            lastShape = shapes.count - 1
        } else {
            lastShape = (lastShape + 1) % Self.maximumShapes
            shapes[lastShape] = shape
        }
    }

    /// Reads the text as a line of `shape`: its bytes outside the values must be the shape's,
    /// and each value must be valid where it stands.
    private mutating func matches(_ shape: InputShape) -> Bool {
        reset()
        return shape.literal.withUnsafeBytes { literal -> Bool in
            shape.steps.withUnsafeBufferPointer { steps -> Bool in
                var offset = 0
                for step in steps {
                    let count = step.literalCount
                    guard index + count <= bytes.count,
                          ByteComparison.same(bytes.baseAddress! + index, literal.baseAddress! + offset, count: count)
                    else { return false }
                    index += count
                    offset += count
                    switch step.kind {
                    case .value(let field, let members, let depth):
                        let start = index
                        do throws(GiveUp) {
                            // Most values are strings, which every kind of member reads alike.
                            if peek == UInt8(ascii: "\"") {
                                _ = try readString()
                            } else {
                                try readValue(of: members, field: field, depth: depth)
                            }
                        } catch {
                            return false
                        }
                        if let field { ranges[field.rawValue] = start..<index }
                    case .open(let field):
                        ranges[field.rawValue] = index..<index
                    case .close(let field):
                        ranges[field.rawValue] = ranges[field.rawValue]!.lowerBound..<index
                    case .end:
                        return index == bytes.count
                    }
                }
                return false
            }
        }
    }

    // MARK: - The fields

    /// The fields of the text `read` accepted last, read in place: valid until the next `read`.
    /// `nil` when some field is neither a string nor an array of strings, which only the
    /// general path reads.
    func fields() -> PolicyInput<SkimmedValue>? {
        var input = PolicyInput<SkimmedValue>()
        do throws(GiveUp) {
            input.principalID = try value(.principalID)
            input.labels = try value(.labels)
            input.resourceID = try value(.resourceID)
            input.edgeScopes = try value(.edgeScopes)
            input.req = try value(.req)
            input.claims.scope = try value(.claimScope)
            input.claims.edgeID = try value(.claimEdgeID)
            input.claims.target = try value(.claimTarget)
        } catch {
            return nil
        }
        input.flags = flags
        return input
    }

    /// The flags of the text `read` accepted last.
    private var flags: PolicyInputFlags {
        PolicyInputFlags(
            isWorkloadPrincipal: text(of: .principalType, is: "\"Workload\""),
            isInjection: text(of: .actionID, is: "\"CredentialInjection\""),
            edgeSet: isSet(.edge), edgeIDSet: isSet(.edgeID), claimsSet: isSet(.claims), sessionSet: isSet(.session)
        )
    }

    /// Whether the field is present and not `false` (contract §1).
    private func isSet(_ field: Field) -> Bool {
        ranges[field.rawValue] != nil && !text(of: field, is: "false")
    }

    /// Whether the field's text is exactly `literal`.
    private func text(of field: Field, is literal: StaticString) -> Bool {
        guard let range = ranges[field.rawValue] else { return false }
        return named(range, literal)
    }

    /// The field's value, in place: a string, or an array of strings whose elements the
    /// reading noted.
    private func value(_ field: Field) throws(GiveUp) -> SkimmedValue? {
        guard let range = ranges[field.rawValue] else { return nil }
        switch bytes[range.lowerBound] {
        case UInt8(ascii: "\""):
            return .string(UnsafeRawBufferPointer(start: UnsafeRawPointer(bytes.baseAddress!) + range.lowerBound + 1, count: range.count - 2))
        case UInt8(ascii: "["):
            guard let noted = arrays[field.rawValue] else { throw GiveUp() }
            return .strings(UnsafeBufferPointer(start: elements + noted.lowerBound, count: noted.count))
        default:
            throw GiveUp()
        }
    }

    // MARK: - Checking the text

    private var peek: UInt8 {
        index < bytes.count ? bytes[index] : 0
    }

    @inline(__always)
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < bytes.count, Self.isWhitespace(bytes[index]) { index += 1 }
    }

    private mutating func readObject(_ object: Object, depth: Int) throws(GiveUp) {
        guard depth <= Self.maximumDepth else { throw GiveUp() }
        if open(closedBy: UInt8(ascii: "}")) { return }
        let base = keyCount
        while true {
            guard peek == UInt8(ascii: "\"") else { throw GiveUp() }
            let key = try readString()
            for earlier in base..<keyCount where keys[earlier].count == key.count && same(keys[earlier].lowerBound, key) { throw GiveUp() }
            guard keyCount - base < Self.maximumMembers else { throw GiveUp() }
            keys[keyCount] = key
            keyCount += 1
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw GiveUp() }
            index += 1
            skipWhitespace()
            try readMember(of: object, key: key, depth: depth)
            if try closes(UInt8(ascii: "}")) {
                keyCount = base
                return
            }
        }
    }

    /// Reads the value of member `key` of `object`, noting where it lies when the contract reads it.
    private mutating func readMember(of object: Object, key: Range<Int>, depth: Int) throws(GiveUp) {
        var field: Field?
        var members = Object.other
        switch object {
        case .other:
            break
        case .top:
            if named(key, "principal") { members = .principal }
            else if named(key, "resource") { members = .resource }
            else if named(key, "action") { members = .action }
            else if named(key, "context") { members = .context }
            else if named(key, "delegation_edge") { field = .edge; members = .edge }
        case .principal:
            if named(key, "id") { field = .principalID }
            else if named(key, "type") { field = .principalType }
            else if named(key, "labels") { field = .labels }
        case .resource:
            if named(key, "identifier") { field = .resourceID }
        case .action:
            if named(key, "id") { field = .actionID }
        case .edge:
            if named(key, "id") { field = .edgeID }
            else if named(key, "scopes") { field = .edgeScopes }
        case .context:
            if named(key, "requested_scopes") { field = .req }
            else if named(key, "agent_session_id") { field = .session }
            else if named(key, "subject_claims") { field = .claims; members = .claims }
        case .claims:
            if named(key, "scope") { field = .claimScope }
            else if named(key, "delegation_edge_id") { field = .claimEdgeID }
            else if named(key, "target") { field = .claimTarget }
        }
        let start = index
        if members != .other, peek == UInt8(ascii: "{") {
            // An object the contract reads members of is part of the shape.
            if let field { recording?.mark(.open(field), at: index, in: bytes) }
            try readObject(members, depth: depth + 1)
            if let field { recording?.mark(.close(field), at: index, in: bytes) }
        } else if var recorder = recording {
            // Any other value is a value of the shape; what lies within it is not.
            recorder.mark(.value(field: field, members: members, depth: depth), at: index, in: bytes)
            recording = nil
            try readLeaf(field, depth: depth)
            recorder.skip(to: index)
            recording = recorder
        } else {
            try readLeaf(field, depth: depth)
        }
        if let field { ranges[field.rawValue] = start..<index }
    }

    /// Reads a member's value as `readMember` does, without noting where it lies.
    @inline(__always)
    private mutating func readValue(of members: Object, field: Field?, depth: Int) throws(GiveUp) {
        if members != .other, peek == UInt8(ascii: "{") {
            try readObject(members, depth: depth + 1)
        } else {
            try readLeaf(field, depth: depth)
        }
    }

    /// Reads a value that is not an object whose members are read: the elements of an array
    /// that `fields()` reads are noted on the way.
    @inline(__always)
    private mutating func readLeaf(_ field: Field?, depth: Int) throws(GiveUp) {
        if let field, field.isValue, peek == UInt8(ascii: "[") {
            try readFieldArray(field, depth: depth)
        } else {
            try skipValue(depth: depth)
        }
    }

    /// Reads the array of `field`, noting its elements when they are all plain strings and fit
    /// in `elements`; any other array is only checked.
    private mutating func readFieldArray(_ field: Field, depth: Int) throws(GiveUp) {
        guard depth + 1 <= Self.maximumDepth else { throw GiveUp() }
        let start = index
        let first = elementCount
        if open(closedBy: UInt8(ascii: "]")) {
            arrays[field.rawValue] = first..<first
            return
        }
        while peek == UInt8(ascii: "\""), elementCount < Self.maximumElements {
            let string = try readString()
            elements[elementCount] = UnsafeRawBufferPointer(start: UnsafeRawPointer(bytes.baseAddress!) + string.lowerBound, count: string.count)
            elementCount += 1
            if try closes(UInt8(ascii: "]")) {
                arrays[field.rawValue] = first..<elementCount
                return
            }
        }
        // Another element, or too many: checked as any array, and left to the general path.
        index = start
        elementCount = first
        try skipArray(depth: depth + 1)
    }

    /// Whether the bytes in `key` (a key between its quotes, or any text) are `name`.
    @inline(__always)
    private func named(_ key: Range<Int>, _ name: StaticString) -> Bool {
        key.count == name.utf8CodeUnitCount && ByteComparison.same(bytes.baseAddress! + key.lowerBound, name.utf8Start, count: key.count)
    }

    /// Whether the bytes at `offset` are those in `range`.
    @inline(__always)
    private func same(_ offset: Int, _ range: Range<Int>) -> Bool {
        ByteComparison.same(bytes.baseAddress! + offset, bytes.baseAddress! + range.lowerBound, count: range.count)
    }

    private mutating func skipValue(depth: Int) throws(GiveUp) {
        switch peek {
        case UInt8(ascii: "{"):
            try readObject(.other, depth: depth + 1)
        case UInt8(ascii: "["):
            try skipArray(depth: depth + 1)
        case UInt8(ascii: "\""):
            _ = try readString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try skipNumber()
        case UInt8(ascii: "t"):
            try skipLiteral("true")
        case UInt8(ascii: "f"):
            try skipLiteral("false")
        case UInt8(ascii: "n"):
            try skipLiteral("null")
        default:
            throw GiveUp()
        }
    }

    private mutating func skipArray(depth: Int) throws(GiveUp) {
        guard depth <= Self.maximumDepth else { throw GiveUp() }
        if open(closedBy: UInt8(ascii: "]")) { return }
        repeat {
            try skipValue(depth: depth)
        } while try !closes(UInt8(ascii: "]"))
    }

    /// Steps into an object or array from its opening bracket; `true` when it is empty, and
    /// then past its closing `closer` too.
    @inline(__always)
    private mutating func open(closedBy closer: UInt8) -> Bool {
        index += 1
        skipWhitespace()
        guard peek == closer else { return false }
        index += 1
        return true
    }

    /// Steps past what follows a member or element: a comma (`false`: another one comes) or
    /// `closer` (`true`: the object or array ends).
    @inline(__always)
    private mutating func closes(_ closer: UInt8) throws(GiveUp) -> Bool {
        skipWhitespace()
        switch peek {
        case UInt8(ascii: ","):
            index += 1
            skipWhitespace()
            return false
        case closer:
            index += 1
            return true
        default:
            throw GiveUp()
        }
    }

    /// Reads a string from its opening quote; gives the range between the quotes.
    private mutating func readString() throws(GiveUp) -> Range<Int> {
        index += 1
        let start = index
        // Eight bytes at a time: the lowest byte that needs a look ends the string when it is
        // the closing quote.
        while index + 8 <= bytes.count {
            let found = Self.bytesNeedingLook(ByteWord.load(bytes.baseAddress! + index))
            if found == 0 {
                index += 8
                continue
            }
            index += found.trailingZeroBitCount / 8
            return try closeString(from: start)
        }
        while index < bytes.count, !Self.needsLook(bytes[index]) { index += 1 }
        return try closeString(from: start)
    }

    /// Ends the string that began at `start` at the byte at `index`, when it is the closing
    /// quote; escapes, control characters and non-ASCII text are left to `JSONReader`.
    @inline(__always)
    private mutating func closeString(from start: Int) throws(GiveUp) -> Range<Int> {
        guard peek == UInt8(ascii: "\"") else { throw GiveUp() }
        index += 1
        return start..<(index - 1)
    }

    /// Whether `byte` is a quote, a backslash, a control character or not ASCII.
    @inline(__always)
    private static func needsLook(_ byte: UInt8) -> Bool {
        ByteWord.isJSONSpecial(byte) || byte >= 0x80
    }

    /// The high bit of every byte of `word` that `needsLook`, and maybe of bytes after the
    /// first such byte (a borrow can spill upwards), so the lowest bit set is exact.
    @inline(__always)
    private static func bytesNeedingLook(_ word: UInt64) -> UInt64 {
        ByteWord.jsonSpecial(word) | ByteWord.nonASCII(word)
    }

    private mutating func skipNumber() throws(GiveUp) {
        let start = index
        if peek == UInt8(ascii: "-") { index += 1 }
        guard Self.isDigit(peek) else { throw GiveUp() }
        if peek == UInt8(ascii: "0") {
            index += 1
            if Self.isDigit(peek) { throw GiveUp() }
        } else {
            while Self.isDigit(peek) { index += 1 }
        }
        if peek == UInt8(ascii: ".") {
            index += 1
            guard Self.isDigit(peek) else { throw GiveUp() }
            while Self.isDigit(peek) { index += 1 }
        }
        // Exponents and long numbers can overflow a Double, which `JSONReader` reports.
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") || index - start > Self.maximumNumberLength {
            throw GiveUp()
        }
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private mutating func skipLiteral(_ literal: StaticString) throws(GiveUp) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count, named(index..<(index + count), literal) else { throw GiveUp() }
        index += count
    }
}
