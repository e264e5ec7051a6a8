import CYAML

/// Builds located ``YAMLNode`` trees from libyaml events without recursion.
///
/// Anchors are resolved as they are met; an alias becomes a copy of its anchored node located
/// where the alias is written (the copy's children keep the positions of the anchored
/// source, which is where their values are written). A document that uses an undefined alias
/// is abandoned: its remaining events are skipped and it is not returned. Breaking a limit
/// stops the whole stream (``isStopped``): libyaml's scanner is quadratic in flow nesting
/// depth, so reading on past a `[[[[…` bomb would cost seconds.
struct YAMLTreeBuilder {
    let file: String
    let limits: YAMLLoader.Limits
    private(set) var documents: [YAMLDocument] = []
    var diagnostics: [Diagnostic] = []

    private var stack: [Frame] = []
    private var anchors: [String: Built] = [:]
    private var root: YAMLNode?
    private var documentStart: SourceLocation
    private var aliasExpansion = 0
    private var abandoned = false
    /// Whether a limit was broken; the caller must stop feeding events.
    private(set) var isStopped = false

    init(file: String, limits: YAMLLoader.Limits) {
        self.file = file
        self.limits = limits
        documentStart = SourceLocation(file: file, line: 1, column: 1)
    }

    /// Takes in one event.
    mutating func consume(_ event: borrowing yaml_event_t) {
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            stack.removeAll(keepingCapacity: true)
            anchors.removeAll()
            root = nil
            aliasExpansion = 0
            abandoned = false
            documentStart = location(event.start_mark)
        case YAML_DOCUMENT_END_EVENT:
            if !abandoned {
                // libyaml stands an empty plain scalar in for a document with no content.
                if let node = root, case .scalar("", .plain) = node.content, node.tag == nil { root = nil }
                documents.append(YAMLDocument(root: root, location: documentStart))
            }
            anchors.removeAll()
            root = nil
        case _ where abandoned:
            return
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let start = location(event.start_mark)
            guard scalar.length <= limits.maxScalarBytes else {
                stop(.error("scalar_too_large", "This scalar is \(scalar.length) bytes long, over the limit of \(YAMLLoader.Limits.describe(bytes: limits.maxScalarBytes)). Keep large content in its own file and refer to it with ${file:PATH}.", at: start))
                return
            }
            let text = Self.string(scalar.value, length: scalar.length) ?? ""
            let node = YAMLNode(.scalar(text, Self.style(scalar.style)), tag: Self.string(scalar.tag), location: start, end: location(event.end_mark))
            add(node, count: 1, height: 0, anchor: Self.string(scalar.anchor))
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            push(isMapping: false, at: event.start_mark, tag: start.tag, anchor: start.anchor)
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            push(isMapping: true, at: event.start_mark, tag: start.tag, anchor: start.anchor)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            pop(endingAt: event.end_mark)
        case YAML_ALIAS_EVENT:
            resolveAlias(Self.string(event.data.alias.anchor) ?? "", at: event.start_mark, end: event.end_mark)
        default:
            return
        }
    }

    // MARK: - Positions

    @inline(__always)
    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(mark, file: file)
    }

    // MARK: - Building

    private mutating func push(isMapping: Bool, at mark: yaml_mark_t, tag: UnsafeMutablePointer<yaml_char_t>?, anchor: UnsafeMutablePointer<yaml_char_t>?) {
        let start = location(mark)
        guard stack.count < limits.maxNestingDepth else {
            stop(nestingTooDeep(at: start))
            return
        }
        stack.append(Frame(isMapping: isMapping, start: start, tag: Self.string(tag), anchor: Self.string(anchor)))
    }

    private mutating func pop(endingAt mark: yaml_mark_t) {
        guard let frame = stack.popLast() else { return }
        let end = location(mark)
        let content: YAMLNode.Content
        if frame.isMapping {
            content = .mapping(frame.hasMergeKey ? applyMergeKeys(frame.pairs) : frame.pairs)
        } else {
            content = .sequence(frame.items)
        }
        let node = YAMLNode(content, tag: frame.tag, location: frame.start, end: end)
        add(node, count: frame.count, height: frame.childHeight + 1, anchor: frame.anchor)
    }

    /// Hands a finished node to the collection it is in, or makes it the document's root.
    ///
    /// The node's parts are passed separately so that it moves into its parent uncopied
    /// (only an anchored node is copied, into the anchor table).
    private mutating func add(_ node: consuming YAMLNode, count: Int, height: Int, anchor: String?) {
        if let anchor { anchors[anchor] = Built(node: copy node, count: count, height: height) }
        guard !stack.isEmpty else {
            root = node
            return
        }
        if let duplicate = stack[stack.count - 1].accept(node, count: count, height: height) {
            diagnostics.append(duplicateKey(duplicate.key, firstGivenAt: duplicate.first))
        }
    }

    private mutating func resolveAlias(_ name: String, at mark: yaml_mark_t, end: yaml_mark_t) {
        let start = location(mark)
        guard var built = anchors[name] else {
            if stack.contains(where: { $0.anchor == name }) {
                abandon(.error("recursive_alias", "The alias '*\(name)' is inside the node anchored '&\(name)' that it refers to; a node cannot contain itself.", at: start))
                return
            }
            abandon(.error("undefined_alias", "The alias '*\(name)' refers to no anchor '&\(name)' defined before it in this document. Define the anchor on a node above the alias, in the same document.", at: start))
            return
        }
        aliasExpansion += built.count
        guard aliasExpansion <= limits.maxAliasExpansion else {
            stop(.error("alias_expansion_limit", "Aliases in this document expand to more than \(limits.maxAliasExpansion) nodes, the limit. Write the repeated values out, or alias smaller parts.", at: start))
            return
        }
        guard stack.count + built.height <= limits.maxNestingDepth else {
            stop(nestingTooDeep(at: start))
            return
        }
        built.node.location = start
        built.node.end = location(end)
        add(built.node, count: built.count, height: built.height, anchor: nil)
    }

    private func nestingTooDeep(at location: SourceLocation) -> Diagnostic {
        .error("nesting_too_deep", "Collections here are nested more than \(limits.maxNestingDepth) levels deep, the limit. Flatten the structure.", at: location)
    }

    private mutating func stop(_ diagnostic: Diagnostic) {
        abandon(diagnostic)
        isStopped = true
    }

    private mutating func abandon(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
        abandoned = true
        stack.removeAll()
        anchors.removeAll()
        root = nil
    }

    // MARK: - Diagnostics

    private func duplicateKey(_ key: YAMLNode, firstGivenAt first: SourceLocation) -> Diagnostic {
        let name: String
        if case .scalar(let text, _) = key.content, text.unicodeScalars.count <= 80 {
            name = "'\(text)'"
        } else {
            name = "key"
        }
        let subject = name == "key" ? "Duplicate key in this mapping" : "Duplicate key \(name) in this mapping"
        return .error("duplicate_key", "\(subject); it was first given at line \(first.line).", at: key.location)
    }

    // MARK: - C conversions

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String? {
        guard let pointer else { return nil }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return string(pointer, length: strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self)))
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLNode.ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}
