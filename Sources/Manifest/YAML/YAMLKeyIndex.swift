/// Finds duplicate keys in one mapping as its pairs arrive.
///
/// Scalar keys are the same when their text and tag are, whatever their quoting style, so
/// `name` and `"name"` clash. Mappings of up to a few dozen keys, the common case, are
/// searched linearly in the pairs already accepted, with no allocation: comparing key lengths
/// first, that costs less than hashing the keys. A hash table takes over past that so that huge
/// mappings stay linear. Merge keys (`<<`) are never compared.
struct YAMLKeyIndex {
    /// What makes two keys the same.
    enum Identity: Hashable {
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

    private static let linearLimit = 32
    private var table: [Identity: SourceLocation] = [:]

    /// Checks `key` against `accepted`, the mapping's pairs so far (this index's earlier
    /// answers decide which those are); returns where the same key was first given, if it was.
    mutating func firstLocation(of key: YAMLNode, among accepted: [YAMLNode.Pair]) -> SourceLocation? {
        if table.isEmpty {
            if accepted.count < Self.linearLimit {
                // Indexing rather than `for pair in accepted` reads each key in place instead of
                // copying the pair.
                for index in accepted.indices where Self.same(accepted[index].key, key) && !YAMLTreeBuilder.isMergeKey(accepted[index].key) {
                    return accepted[index].key.location
                }
                return nil
            }
            for pair in accepted where !YAMLTreeBuilder.isMergeKey(pair.key) {
                table[Identity(pair.key)] = pair.key.location
            }
        }
        let identity = Identity(key)
        if let first = table[identity] { return first }
        table[identity] = key.location
        return nil
    }

    private static func same(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
        // Matched one side at a time: a tuple of both contents would copy them.
        if case .scalar(let x, _) = a.content {
            // Most keys differ in length, which is stored, so their texts need no comparing.
            guard case .scalar(let y, _) = b.content, x.utf8.count == y.utf8.count else { return false }
            return x == y && a.tag == b.tag
        }
        if case .scalar = b.content { return false }
        return a == b
    }
}
