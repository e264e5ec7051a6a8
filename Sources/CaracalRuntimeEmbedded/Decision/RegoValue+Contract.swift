import Manifest

// Rego's evaluation rules that the decision contract leans on (contract §1). Kept internal:
// they describe how the contract reads values, not a general Rego evaluator.

extension RegoValue {
    /// `coll[key]` as a Rego reference: object members by string key, array elements by whole
    /// index, set elements by themselves; missing otherwise.
    func lookup(_ key: RegoValue) -> RegoValue? {
        switch (self, key) {
        case let (.object(members), .string(name)):
            return members[name]
        case let (.array(elements), .number(index)):
            guard index.isWhole, index.value >= 0, index.value < Double(elements.count) else { return nil }
            return elements[Int(index.value)]
        case let (.set(set), _):
            return set.contains(key) ? key : nil
        default:
            return nil
        }
    }

    /// `x in self`: arrays and sets by element, objects by value; nothing else contains anything.
    func hasMember(_ element: RegoValue) -> Bool {
        switch self {
        case .array(let elements): return elements.contains { $0.fastEquals(element) }
        case .set(let set): return set.contains(element)
        case .object(let members): return members.values.contains { $0.fastEquals(element) }
        default: return false
        }
    }

    /// Structural equality with a shortcut for the common string case.
    @inline(__always)
    func fastEquals(_ other: RegoValue) -> Bool {
        if case .string(let a) = self {
            if case .string(let b) = other { return a.fastEquals(b) }
            return false
        }
        return self == other
    }

    /// Whether `body` holds for every element (array and set elements, object values).
    /// Strings, numbers, booleans and null have no elements, so it holds vacuously.
    @inline(__always)
    func allElements(_ body: (RegoValue) throws -> Bool) rethrows -> Bool {
        switch self {
        case .array(let elements):
            for element in elements where try !body(element) { return false }
        case .set(let set):
            for element in set.elements where try !body(element) { return false }
        case .object(let members):
            for element in members.values where try !body(element) { return false }
        default:
            break
        }
        return true
    }

    /// Whether `body` holds for some element (array and set elements, object values).
    @inline(__always)
    func anyElement(_ body: (RegoValue) throws -> Bool) rethrows -> Bool {
        try !allElements { try !body($0) }
    }

    /// The elements in iteration order: array order, set order, object values by sorted key.
    var elementsInIterationOrder: [RegoValue] {
        switch self {
        case .array(let elements): return elements
        case .set(let set): return set.elements
        case .object(let members):
            return members.keys.sorted { RegoValue.compareBytes($0, $1) < 0 }.map { members[$0]! }
        default: return []
        }
    }

    /// Whether this is a string that starts with `prefix`, compared by bytes as Rego does.
    @inline(__always)
    func startsWith(_ prefix: String) -> Bool {
        guard case .string(let string) = self else { return false }
        return string.utf8.starts(with: prefix.utf8)
    }
}

extension Optional where Wrapped == RegoValue {
    /// "`count(x) > 0`": false when missing or not countable.
    @inline(__always)
    var hasPositiveCount: Bool {
        switch self {
        case .some(.array(let elements)): return !elements.isEmpty
        case .some(.set(let set)): return set.count > 0
        case .some(.object(let members)): return !members.isEmpty
        case .some(.string(let string)): return !string.isEmpty
        default: return false
        }
    }
}

extension String {
    /// `==` that rejects strings of different byte lengths before comparing contents.
    @inline(__always)
    func fastEquals(_ other: String) -> Bool {
        utf8.count == other.utf8.count && self == other
    }
}
