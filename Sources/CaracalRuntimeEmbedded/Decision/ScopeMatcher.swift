import Manifest

/// Rego membership (`x in coll`) in one precompiled collection of scopes.
///
/// Arrays and sets contain their elements, objects their values, anything else nothing. String
/// elements are checked without hashing while the collection is small.
final class ScopeMatcher: Sendable {
    /// The collection as the data wrote it.
    let value: RegoValue
    private let strings: [String]
    private let stringSet: Set<String>
    private let others: [RegoValue]

    private static let linearLimit = 8

    init(_ value: RegoValue) {
        self.value = value
        var strings: [String] = []
        var others: [RegoValue] = []
        for element in value.elementsInIterationOrder {
            if case .string(let string) = element { strings.append(string) } else { others.append(element) }
        }
        self.stringSet = strings.count > Self.linearLimit ? Set(strings) : []
        self.strings = strings.count > Self.linearLimit ? [] : strings
        self.others = others
    }

    /// Whether `element` is in the collection.
    @inline(__always)
    func contains(_ element: RegoValue) -> Bool {
        if case .string(let string) = element { return contains(string) }
        return others.contains { $0.fastEquals(element) }
    }

    /// Whether the string `element` is in the collection.
    @inline(__always)
    func contains(_ element: String) -> Bool {
        if !stringSet.isEmpty { return stringSet.contains(element) }
        for candidate in strings where candidate.fastEquals(element) { return true }
        return false
    }

    /// Whether the string `element`, a piece of a longer string, is in the collection.
    @inline(__always)
    func contains(_ element: Substring) -> Bool {
        if !stringSet.isEmpty { return stringSet.contains(String(element)) }
        let bytes = element.utf8
        for candidate in strings where candidate.utf8.count == bytes.count && candidate.utf8.elementsEqual(bytes) { return true }
        return false
    }
}
