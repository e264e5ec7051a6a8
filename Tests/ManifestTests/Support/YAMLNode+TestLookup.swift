@testable import Manifest

extension YAMLNode {
    /// The value of the first pair whose key is the scalar `key`, if this is a mapping.
    func child(_ key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.first { pair in
            if case .scalar(key, _) = pair.key.content { return true }
            return false
        }?.value
    }

    /// The item at `index`, if this is a sequence that long.
    func item(_ index: Int) -> YAMLNode? {
        guard case .sequence(let items) = content, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// The scalar's text, if this is a scalar.
    var text: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    /// The mapping's keys in order, if this is a mapping of scalar keys.
    var keys: [String] {
        guard case .mapping(let pairs) = content else { return [] }
        return pairs.compactMap(\.key.text)
    }

    /// `line:column` of the node's start, for compact assertions.
    var position: String { "\(location.line):\(location.column)" }

    /// `line:column` of the node's end.
    var endPosition: String { "\(end.line):\(end.column)" }
}
