import Manifest

/// A value of a policy input as the contract reads it (contract §1): its elements, its count,
/// membership, equality, and the bytes of a string.
///
/// The contract is written once, generic over this: over `RegoValue` for any input, and over
/// `SkimmedValue` for the strings and arrays of strings that `PolicyInputSkimmer` reads in place
/// from JSON text, so that a replayed line is decided without building a value.
protocol ContractValue {
    /// The value as a `RegoValue`, for traces.
    var regoValue: RegoValue { get }
    /// Calls `body` with the UTF-8 bytes of a string; `nil` when the value is not a string.
    func withUTF8<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T?
    /// Whether `body` holds for every element (array and set elements, object values).
    /// Strings, numbers, booleans and null have no elements, so it holds vacuously.
    func allElements(_ body: (Self) -> Bool) -> Bool
    /// "`count(x) > 0`"; counting a string counts its characters.
    var hasPositiveCount: Bool { get }
    /// `element in self`: arrays and sets by element, objects by value.
    func hasMember(_ element: Self) -> Bool
    /// Structural equality.
    func isEqual(to other: Self) -> Bool
    /// Structural equality with a value of the data.
    func isEqual(to value: RegoValue) -> Bool
}

extension ContractValue {
    /// Whether `body` holds for some element (array and set elements, object values).
    @inline(__always)
    func anyElement(_ body: (Self) -> Bool) -> Bool {
        !allElements { !body($0) }
    }

    /// Whether this is the string `text`.
    @inline(__always)
    func isString(_ text: StaticString) -> Bool {
        withUTF8 { $0.hasSameBytes(as: UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) } ?? false
    }

    /// Whether this is a string that starts with `prefix`, compared by bytes as Rego does.
    @inline(__always)
    func startsWith(_ prefix: String) -> Bool {
        withUTF8 { $0.starts(with: prefix.utf8) } ?? false
    }
}

extension RegoValue: ContractValue {
    var regoValue: RegoValue { self }

    @inline(__always)
    func withUTF8<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T? {
        guard case .string(var string) = self else { return nil }
        return string.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }

    @inline(__always)
    func allElements(_ body: (RegoValue) -> Bool) -> Bool {
        switch self {
        case .array(let elements):
            for element in elements where !body(element) { return false }
        case .set(let set):
            for element in set.elements where !body(element) { return false }
        case .object(let members):
            for element in members.values where !body(element) { return false }
        default:
            break
        }
        return true
    }

    @inline(__always)
    var hasPositiveCount: Bool {
        switch self {
        case .array(let elements): return !elements.isEmpty
        case .set(let set): return set.count > 0
        case .object(let members): return !members.isEmpty
        case .string(let string): return !string.isEmpty
        default: return false
        }
    }

    func hasMember(_ element: RegoValue) -> Bool {
        switch self {
        case .array(let elements): return elements.contains { $0.fastEquals(element) }
        case .set(let set): return set.contains(element)
        case .object(let members): return members.values.contains { $0.fastEquals(element) }
        default: return false
        }
    }

    @inline(__always)
    func isEqual(to other: RegoValue) -> Bool {
        fastEquals(other)
    }
}

/// A string, or an array of strings, of a policy input, read in place from JSON text without
/// escapes, so the bytes between the quotes are the string. It points into the text and into
/// the skimmer that read it, and is valid until the skimmer reads again.
enum SkimmedValue: ContractValue {
    case string(UnsafeRawBufferPointer)
    case strings(UnsafeBufferPointer<UnsafeRawBufferPointer>)

    var regoValue: RegoValue {
        switch self {
        case .string(let bytes): return .string(String(decoding: bytes, as: UTF8.self))
        case .strings(let elements): return .array(elements.map { SkimmedValue.string($0).regoValue })
        }
    }

    @inline(__always)
    func withUTF8<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T? {
        guard case .string(let bytes) = self else { return nil }
        return body(bytes)
    }

    @inline(__always)
    func allElements(_ body: (SkimmedValue) -> Bool) -> Bool {
        guard case .strings(let elements) = self else { return true }
        for element in elements where !body(.string(element)) { return false }
        return true
    }

    @inline(__always)
    var hasPositiveCount: Bool {
        switch self {
        case .string(let bytes): return !bytes.isEmpty
        case .strings(let elements): return !elements.isEmpty
        }
    }

    @inline(__always)
    func hasMember(_ element: SkimmedValue) -> Bool {
        anyElement { $0.isEqual(to: element) }
    }

    @inline(__always)
    func isEqual(to other: SkimmedValue) -> Bool {
        switch (self, other) {
        case let (.string(a), .string(b)):
            return a.hasSameBytes(as: b)
        case let (.strings(a), .strings(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.hasSameBytes(as: $1) }
        default:
            return false
        }
    }

    @inline(__always)
    func isEqual(to value: RegoValue) -> Bool {
        switch (self, value) {
        case (.string(let bytes), .string(var string)):
            return string.withUTF8 { bytes.hasSameBytes(as: UnsafeRawBufferPointer($0)) }
        case let (.strings(elements), .array(values)):
            return elements.count == values.count && zip(elements, values).allSatisfy { SkimmedValue.string($0).isEqual(to: $1) }
        default:
            return false
        }
    }
}

extension UnsafeRawBufferPointer {
    /// Whether both hold the same bytes.
    @inline(__always)
    func hasSameBytes(as other: UnsafeRawBufferPointer) -> Bool {
        count == other.count && (count == 0 || ByteComparison.same(baseAddress!, other.baseAddress!, count: count))
    }
}
