/// Reads typed values out of YAML nodes for one document, collecting every problem.
///
/// Each reader records where the value was written in ``sourceMap`` and reports wrong types,
/// unknown fields and missing required fields as located diagnostics instead of stopping.
struct DecodingContext {
    var diagnostics: [Diagnostic] = []
    /// Literal secrets found in the document, to be masked wherever the source is shown.
    var redactions: [Redaction] = []
    var sourceMap: SourceMap
    let interpolation: Interpolation
    /// The kind and name the document declares, once its metadata is read.
    var declared: (kind: ManifestKind, name: String)?

    init(document: SourceLocation, interpolation: Interpolation) {
        self.sourceMap = SourceMap(document: document)
        self.interpolation = interpolation
    }

    mutating func error(_ code: String, _ message: String, at location: SourceLocation) {
        diagnostics.append(.error(code, message, at: location))
    }

    /// Marks a scalar written as a literal secret, so no printed source line ever shows it.
    mutating func redact(_ node: YAMLNode) {
        redactions.append(Redaction(start: node.location, end: node.end))
    }

    /// `Kind 'name'` once metadata is read, `This document` before, for messages; made only
    /// when a message needs it.
    var subject: String {
        declared.map { "\($0.kind.rawValue) '\($0.name)'" } ?? "This document"
    }

    mutating func warning(_ code: String, _ message: String, at location: SourceLocation) {
        diagnostics.append(.warning(code, message, at: location))
    }

    // MARK: Mappings

    /// The known fields of one mapping, by key; a later key of the same text replaces an
    /// earlier one.
    ///
    /// Manifest mappings have a handful of keys, so a key is found by searching the mapping's
    /// pairs, which costs less than allocating an index of them, and its value is read from
    /// the pairs in place rather than copied out. Only keys ``fields(of:path:allowed:required:)``
    /// allowed may be asked for.
    struct Fields {
        private let pairs: [YAMLNode.Pair]

        init(pairs: [YAMLNode.Pair]) {
            self.pairs = pairs
        }

        /// The value given for `key`, if any.
        subscript(key: String) -> YAMLNode? {
            guard let position = position(of: key) else { return nil }
            return pairs[position].value
        }

        /// Whether a value is given for `key`; asking this, rather than whether the subscript
        /// is `nil`, does not copy the value out.
        func contains(_ key: String) -> Bool {
            position(of: key) != nil
        }

        /// The position of the last pair with `key`, a scalar key of that text.
        private func position(of key: String) -> Int? {
            pairs.lastIndex { pair in
                guard case .scalar(let text, _) = pair.key.content else { return false }
                return Self.same(text, key)
            }
        }

        /// Whether two keys are the same text. Keys of different lengths are told apart by
        /// their stored lengths before any text is compared, which is most of the comparisons.
        static func same(_ a: String, _ b: String) -> Bool {
            a.utf8.count == b.utf8.count && a == b
        }
    }

    /// The fields of a mapping by key, after reporting unknown keys and missing required ones.
    ///
    /// Returns `nil` (after reporting) when the node is not a mapping.
    mutating func fields(
        of node: YAMLNode, path: FieldPath, allowed: [String], required: [String] = []
    ) -> Fields? {
        guard case .mapping(let pairs) = node.content else {
            error("wrong_type", "\(describe(path)) must be a mapping, not \(YAMLNode.describe(node)).", at: node.location)
            return nil
        }
        // Indexing rather than `for pair in pairs` reads each pair in place instead of copying it.
        for index in pairs.indices {
            guard case .scalar(let key, _) = pairs[index].key.content else {
                let keyNode = pairs[index].key
                error("wrong_type", "Keys in \(describe(path)) must be plain names, not \(YAMLNode.describe(keyNode)).", at: keyNode.location)
                continue
            }
            guard allowed.contains(where: { Fields.same($0, key) }) else {
                let known = allowed.map { "'\($0)'" }.joined(separator: ", ")
                error(
                    "unknown_field",
                    "Unknown field '\(FieldPath.field(path, key))'\(Suggestion.phrase(for: key, in: allowed, otherwise: "; known fields here are \(known)."))",
                    at: pairs[index].key.location)
                continue
            }
            sourceMap.record(.field(key), of: path, at: pairs[index].value.location)
        }
        let result = Fields(pairs: pairs)
        for key in required where !result.contains(key) {
            error("missing_field", "\(subject) is missing the required field '\(FieldPath.field(path, key))'.", at: node.location)
        }
        return result
    }

    /// A member of a free-form mapping: its key's text, and its key and value read from the
    /// mapping's pairs in place rather than copied out.
    struct Member {
        let key: String
        private let pairs: [YAMLNode.Pair]
        private let index: Int
        private let parent: FieldPath

        init(key: String, at index: Int, in pairs: [YAMLNode.Pair], under parent: FieldPath) {
            self.key = key
            self.pairs = pairs
            self.index = index
            self.parent = parent
        }

        var keyNode: YAMLNode { pairs[index].key }
        var value: YAMLNode { pairs[index].value }
        /// The member's path, made when asked for.
        var path: FieldPath { .member(parent, key) }
    }

    /// The members of a free-form mapping (string keys), in source order.
    mutating func members(of node: YAMLNode, path: FieldPath) -> [Member]? {
        guard case .mapping(let pairs) = node.content else {
            error("wrong_type", "\(describe(path)) must be a mapping, not \(YAMLNode.describe(node)).", at: node.location)
            return nil
        }
        var result: [Member] = []
        result.reserveCapacity(pairs.count)
        // Indexing rather than `for pair in pairs` reads each pair in place instead of copying it.
        for index in pairs.indices {
            guard case .scalar = pairs[index].key.content, let key = scalarString(pairs[index].key) else {
                let keyNode = pairs[index].key
                error("wrong_type", "Keys in \(describe(path)) must be strings, not \(YAMLNode.describe(keyNode)).", at: keyNode.location)
                continue
            }
            sourceMap.record(.member(key), of: path, at: pairs[index].value.location)
            result.append(Member(key: key, at: index, in: pairs, under: path))
        }
        return result
    }

    /// The items of a sequence, or `nil` (after reporting) when the node is not one.
    mutating func items(of node: YAMLNode, path: FieldPath) -> [YAMLNode]? {
        guard case .sequence(let items) = node.content else {
            error("wrong_type", "\(describe(path)) must be a list, not \(YAMLNode.describe(node)).", at: node.location)
            return nil
        }
        for (index, item) in items.enumerated() {
            sourceMap.record(.item(index), of: path, at: item.location)
        }
        return items
    }

    // MARK: Scalars
    //
    // A scalar reader's path only names the field in messages, so it is an autoclosure: the
    // path is made only when there is a problem to report.

    /// A string field; plain `true`, `null` or numbers are type errors, references are expanded.
    mutating func string(_ node: YAMLNode, path: @autoclosure () -> FieldPath) -> String? {
        guard case .scalar(let text, let style) = node.content else {
            error("wrong_type", "\(describe(path())) must be a string, not \(YAMLNode.describe(node)).", at: node.location)
            return nil
        }
        // Most scalars have no '$' at all, and need no second look for references.
        let mayReference = Interpolation.mayContainReference(text)
        guard checkTag(node, path: path()), let expanded = mayReference ? expandReferences(text, node: node) : text else { return nil }
        if style == .plain, node.tag == nil, !(mayReference && Interpolation.containsReferenceStart(text)) {
            switch YAMLScalar.resolve(text, style: style, tag: node.tag) {
            case .string?:
                break
            case let other:
                error("wrong_type", "\(describe(path())) must be a string, not \(other.map(YAMLScalar.describe) ?? "a special number") \(text.isEmpty ? "(nothing)" : text); write it in quotes, \"\(text)\", if you mean the text.", at: node.location)
                return nil
            }
        }
        return expanded
    }

    /// A boolean field.
    mutating func bool(_ node: YAMLNode, path: @autoclosure () -> FieldPath) -> Bool? {
        if case .bool(let value)? = typedScalar(node, path: path()) { return value }
        reportType(node, path: path(), expected: "true or false")
        return nil
    }

    /// A whole-number field.
    mutating func integer(_ node: YAMLNode, path: @autoclosure () -> FieldPath) -> Int? {
        if case .number(let number)? = typedScalar(node, path: path()), number.isWhole, let value = Int(exactly: number.value) {
            return value
        }
        reportType(node, path: path(), expected: "a whole number")
        return nil
    }

    /// A list of strings.
    mutating func stringList(_ node: YAMLNode, path: FieldPath) -> [String]? {
        guard let items = items(of: node, path: path) else { return nil }
        var result: [String] = []
        var ok = true
        for (index, item) in items.enumerated() {
            if let value = string(item, path: .item(path, index)) {
                result.append(value)
            } else {
                ok = false
            }
        }
        return ok ? result : nil
    }

    /// A string as written in a key or scalar, with references expanded, whatever its YAML type.
    mutating func scalarString(_ node: YAMLNode) -> String? {
        guard case .scalar(let text, _) = node.content else { return nil }
        return expand(text, node: node)
    }

    /// Any YAML value as a Rego value: plain scalars by the core schema, `!!set` mappings as sets.
    mutating func regoValue(_ node: YAMLNode, path: FieldPath) -> RegoValue? {
        switch node.content {
        case .scalar:
            switch typedScalar(node, path: path) {
            case .null?: return .null
            case .bool(let value)?: return .bool(value)
            case .number(let number)?: return .number(number)
            case .string(let text)?: return .string(text)
            case nil: return nil
            }
        case .sequence(let items):
            var values: [RegoValue] = []
            values.reserveCapacity(items.count)
            var ok = true
            for (index, item) in items.enumerated() {
                sourceMap.record(.item(index), of: path, at: item.location)
                if let value = regoValue(item, path: .item(path, index)) { values.append(value) } else { ok = false }
            }
            return ok ? .array(values) : nil
        case .mapping(let pairs):
            if node.tag == "tag:yaml.org,2002:set" {
                var elements: [RegoValue] = []
                for pair in pairs {
                    guard let element = regoValue(pair.key, path: path) else { return nil }
                    elements.append(element)
                }
                return .set(RegoSet(elements))
            }
            guard let members = members(of: node, path: path) else { return nil }
            var object: [String: RegoValue] = [:]
            object.reserveCapacity(members.count)
            var ok = true
            for member in members {
                if let value = regoValue(member.value, path: member.path) { object[member.key] = value } else { ok = false }
            }
            return ok ? .object(object) : nil
        }
    }

    // MARK: Helpers

    /// The scalar resolved by the core schema after expanding references in plain scalars.
    private mutating func typedScalar(_ node: YAMLNode, path: @autoclosure () -> FieldPath) -> YAMLScalar? {
        guard case .scalar(let text, let style) = node.content else { return nil }
        guard checkTag(node, path: path()), let expanded = expand(text, node: node) else { return nil }
        guard let resolved = YAMLScalar.resolve(expanded, style: style, tag: node.tag) else {
            error("wrong_type", "\(describe(path())) is '\(text)', which has no JSON value; use a finite number.", at: node.location)
            return nil
        }
        return resolved
    }

    private mutating func reportType(_ node: YAMLNode, path: @autoclosure () -> FieldPath, expected: String) {
        // typedScalar already reported tag and reference problems for scalars.
        if case .scalar(let text, let style) = node.content {
            guard checkTagQuietly(node) else { return }
            let resolved = YAMLScalar.resolve(text, style: style, tag: node.tag)
            let found = resolved.map(YAMLScalar.describe) ?? "a special number"
            let quoted = style == .plain ? "" : " (quoted values are strings)"
            error("wrong_type", "\(describe(path())) must be \(expected), not \(found) '\(text)'\(quoted).", at: node.location)
        } else {
            error("wrong_type", "\(describe(path())) must be \(expected), not \(YAMLNode.describe(node)).", at: node.location)
        }
    }

    private mutating func checkTag(_ node: YAMLNode, path: @autoclosure () -> FieldPath) -> Bool {
        guard checkTagQuietly(node) else {
            error("unsupported_tag", "Tag '\(node.tag ?? "")' on \(describe(path())) is not supported; remove it.", at: node.location)
            return false
        }
        return true
    }

    private func checkTagQuietly(_ node: YAMLNode) -> Bool {
        node.tag.map(YAMLScalar.knownTags.contains) ?? true
    }

    /// The text with references expanded; `nil` (after reporting) when a reference fails.
    private mutating func expand(_ text: String, node: YAMLNode) -> String? {
        // Most scalars have no '$' at all, and need no look at where they start.
        Interpolation.mayContainReference(text) ? expandReferences(text, node: node) : text
    }

    /// ``expand(_:node:)`` for a text that may hold a reference.
    private mutating func expandReferences(_ text: String, node: YAMLNode) -> String? {
        let result = interpolation.expand(text, at: node.location, columnBase: columnBase(of: node))
        diagnostics.append(contentsOf: result.diagnostics)
        return result.diagnostics.isEmpty ? result.value : nil
    }

    /// The column of a scalar's first character, when its text maps one-to-one onto a line.
    func columnBase(of node: YAMLNode) -> Int? {
        guard case .scalar(_, let style) = node.content, node.location.line == node.end.line else { return nil }
        switch style {
        case .plain: return node.location.column
        case .singleQuoted, .doubleQuoted: return node.location.column + 1
        case .literal, .folded: return nil
        }
    }

    /// `'spec.scopes'` for messages, or `This document` for the root.
    func describe(_ path: FieldPath) -> String {
        let text = path.description
        return text.isEmpty ? "The document" : "'\(text)'"
    }
}

extension YAMLScalar {
    static func describe(_ scalar: YAMLScalar) -> String {
        switch scalar {
        case .null: return "null"
        case .bool: return "the boolean"
        case .number: return "the number"
        case .string: return "the string"
        }
    }
}

extension YAMLNode {
    /// `a mapping`, `a list`, `the string 'x'`, for messages.
    static func describe(_ node: YAMLNode) -> String {
        switch node.content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let text, let style):
            switch YAMLScalar.resolve(text, style: style, tag: node.tag) {
            case .null?: return "null"
            case .bool?: return "the boolean '\(text)'"
            case .number?: return "the number \(text)"
            case .string?, nil: return "the string '\(text)'"
            }
        }
    }
}
