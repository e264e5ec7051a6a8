/// A Rego set: its elements sorted in Rego order, without duplicates.
///
/// Equal sets therefore have equal storage, hash alike and iterate in the order Rego would.
public struct RegoSet: Sendable, Hashable {
    /// The elements in ascending Rego order.
    public let elements: [RegoValue]

    /// A set of the given elements.
    public init<S: Sequence>(_ elements: S) where S.Element == RegoValue {
        var sorted = Array(elements)
        sorted.sort()
        var unique: [RegoValue] = []
        unique.reserveCapacity(sorted.count)
        for element in sorted where unique.last != element {
            unique.append(element)
        }
        self.elements = unique
    }

    /// The number of elements.
    public var count: Int { elements.count }

    /// Whether `value` is an element (binary search).
    public func contains(_ value: RegoValue) -> Bool {
        var low = 0
        var high = elements.count
        while low < high {
            let mid = (low + high) / 2
            switch RegoValue.compare(elements[mid], value) {
            case 0: return true
            case ..<0: low = mid + 1
            default: high = mid
            }
        }
        return false
    }
}
