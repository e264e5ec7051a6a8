// YAML merge keys (`<<: *defaults`, `<<: [*a, *b]`), which users share shapes with.
extension YAMLTreeBuilder {
    /// Whether `node` is the merge key: a plain `<<`, untagged or tagged `!!merge`.
    static func isMergeKey(_ node: YAMLNode) -> Bool {
        // The length, which is stored, rules out almost every key before any text is compared.
        guard case .scalar(let text, .plain) = node.content, text.utf8.count == 2, text == "<<" else { return false }
        return node.tag == nil || node.tag == "tag:yaml.org,2002:merge"
    }

    /// Replaces each `<<` pair by the pairs it merges in. Keys written in the mapping win
    /// wherever `<<` is; earlier merge sources win over later ones; neither is a duplicate.
    mutating func applyMergeKeys(_ pairs: [YAMLNode.Pair]) -> [YAMLNode.Pair] {
        var seen: Set<YAMLKeyIndex.Identity> = []
        for pair in pairs where !Self.isMergeKey(pair.key) {
            seen.insert(YAMLKeyIndex.Identity(pair.key))
        }
        var merged: [YAMLNode.Pair] = []
        merged.reserveCapacity(pairs.count)
        for pair in pairs {
            guard Self.isMergeKey(pair.key) else {
                merged.append(pair)
                continue
            }
            for source in mergeSources(pair.value) {
                for candidate in source where seen.insert(YAMLKeyIndex.Identity(candidate.key)).inserted {
                    merged.append(candidate)
                }
            }
        }
        return merged
    }

    private mutating func mergeSources(_ value: YAMLNode) -> [[YAMLNode.Pair]] {
        switch value.content {
        case .mapping(let pairs):
            return [pairs]
        case .sequence(let items):
            var sources: [[YAMLNode.Pair]] = []
            for item in items {
                if case .mapping(let pairs) = item.content {
                    sources.append(pairs)
                } else {
                    diagnostics.append(.error("invalid_merge", "A merge key '<<' list may hold only mappings (such as '*defaults'), but this item is not a mapping.", at: item.location))
                }
            }
            return sources
        case .scalar:
            diagnostics.append(.error("invalid_merge", "The merge key '<<' needs a mapping or a list of mappings (such as '*defaults'), but its value is a scalar.", at: value.location))
            return []
        }
    }
}
