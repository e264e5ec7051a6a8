extension YAMLTreeBuilder {
    /// A finished node with how many nodes it stands for (aliases expanded) and how many
    /// collections deep it goes.
    struct Built {
        var node: YAMLNode
        var count: Int
        var height: Int
    }

    /// A collection whose end event has not come yet.
    struct Frame {
        var isMapping: Bool
        var start: SourceLocation
        var tag: String?
        var anchor: String?
        /// A sequence's items.
        var items: [YAMLNode] = []
        /// A mapping's pairs, duplicates left out, merge keys not yet applied.
        var pairs: [YAMLNode.Pair] = []
        /// A mapping's key whose value has not come yet.
        var pendingKey: YAMLNode?
        var keys = YAMLKeyIndex()
        var count = 1
        var childHeight = 0
        var hasMergeKey = false

        /// Takes a finished child node standing for `count` nodes and `height` collection levels;
        /// returns the duplicate key it completes a pair with, if any, and where that key was
        /// first given.
        ///
        /// One mutating call per child keeps the frame borrowed in place in the stack; the node
        /// is moved, not copied, into the frame.
        mutating func accept(_ node: consuming YAMLNode, count: Int, height: Int) -> (key: YAMLNode, first: SourceLocation)? {
            self.count += count
            childHeight = max(childHeight, height)
            guard isMapping else {
                if items.isEmpty { items.reserveCapacity(4) }
                items.append(node)
                return nil
            }
            guard let key = pendingKey.take() else {
                pendingKey = node
                return nil
            }
            if YAMLTreeBuilder.isMergeKey(key) {
                hasMergeKey = true
            } else if let first = keys.firstLocation(of: key, among: pairs) {
                // The first value is kept, so later checks see one consistent object.
                return (key, first)
            }
            if pairs.isEmpty { pairs.reserveCapacity(4) }
            pairs.append(YAMLNode.Pair(key: key, value: node))
            return nil
        }
    }
}
