/// The keys of one mapping seen so far, for finding duplicates.
///
/// Scalar keys are the same when their text and tag are, whatever their quoting style, so
/// `name` and `"name"` clash. Small mappings, the common case, are searched linearly; a
/// hash table takes over past a dozen keys so that huge mappings stay linear.
struct YAMLKeyIndex {
    private enum Identity: Hashable {
        case scalar(String, tag: String?)
        case node(YAMLNode)

        init(_ node: YAMLNode) {
            if case .scalar(let text, _) = node.content {
                self = .scalar(text, tag: node.tag)
            } else {
                self = .node(node)
            }
        }
    }

    private static let linearLimit = 12
    private var identities: [Identity] = []
    private var locations: [SourceLocation] = []
    private var table: [Identity: SourceLocation] = [:]

    /// Records `key`; returns where the same key was first given if it was seen before.
    mutating func insert(_ key: YAMLNode, location: SourceLocation) -> SourceLocation? {
        let identity = Identity(key)
        if identities.count < Self.linearLimit {
            if let index = identities.firstIndex(of: identity) { return locations[index] }
            identities.append(identity)
            locations.append(location)
            if identities.count == Self.linearLimit {
                for (identity, location) in zip(identities, locations) { table[identity] = location }
            }
            return nil
        }
        if let first = table[identity] { return first }
        table[identity] = location
        return nil
    }
}
