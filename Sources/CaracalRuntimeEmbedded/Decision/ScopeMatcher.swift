import Manifest

/// Rego membership (`x in coll`) in one precompiled collection of scopes.
///
/// Arrays and sets contain their elements, objects their values, anything else nothing. String
/// elements are found by their bytes.
final class ScopeMatcher: Sendable {
    /// The collection as the data wrote it, and its trace text.
    let value: RegoValue
    let valueText: String
    private let strings: StringTable
    private let others: [RegoValue]

    init(_ value: RegoValue) {
        self.value = value
        valueText = value.traceText
        var strings: [String] = []
        var others: [RegoValue] = []
        for element in value.elementsInIterationOrder {
            if case .string(let string) = element { strings.append(string) } else { others.append(element) }
        }
        self.strings = StringTable(strings)
        self.others = others
    }

    /// Whether `element` is in the collection.
    @inline(__always)
    func contains<Value: ContractValue>(_ element: Value) -> Bool {
        element.withUTF8(contains) ?? others.contains { element.isEqual(to: $0) }
    }

    /// Whether the string whose UTF-8 bytes are `element` is in the collection.
    @inline(__always)
    func contains(_ element: UnsafeRawBufferPointer) -> Bool {
        strings.index(of: element) != nil
    }
}
