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

    /// Structural equality with a shortcut for the common string case.
    @inline(__always)
    func fastEquals(_ other: RegoValue) -> Bool {
        if case .string(let a) = self {
            if case .string(let b) = other { return a.fastEquals(b) }
            return false
        }
        return self == other
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
}

extension String {
    /// `==` that rejects strings of different byte lengths before comparing contents.
    @inline(__always)
    func fastEquals(_ other: String) -> Bool {
        utf8.count == other.utf8.count && self == other
    }
}
