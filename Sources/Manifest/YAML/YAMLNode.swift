/// A YAML node with its source position, as read by ``YAMLLoader``.
///
/// Aliases are already resolved (each alias is a copy of its anchored node), and tags other
/// than the core schema's are kept in ``tag`` so that decoding can reject them.
public struct YAMLNode: Sendable, Hashable {
    /// How a scalar was written; plain scalars are the only ones resolved to null, booleans
    /// and numbers.
    public enum ScalarStyle: Sendable, Hashable {
        case plain
        case singleQuoted
        case doubleQuoted
        case literal
        case folded
    }

    /// A key and its value in a mapping, in source order.
    public struct Pair: Sendable, Hashable {
        public var key: YAMLNode
        public var value: YAMLNode

        public init(key: YAMLNode, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    /// The node's content.
    public enum Content: Sendable, Hashable {
        case scalar(String, ScalarStyle)
        case mapping([Pair])
        case sequence([YAMLNode])
    }

    public var content: Content
    /// The explicit tag, if the source wrote one (`!!str`, `!custom`), in its expanded form.
    public var tag: String? {
        get { storedTag.isEmpty ? nil : storedTag }
        set { storedTag = newValue ?? "" }
    }
    // Kept as a plain string, empty when there is no tag (libyaml never gives an empty one):
    // with an optional string among its fields, the optimizer copied each new node and
    // destroyed the original instead of moving it into place.
    private var storedTag: String
    /// Where the node starts.
    public var location: SourceLocation
    // The end is in the file where the node starts, so only its line and column are kept: each
    // node then holds one reference to the file's name instead of two, which every copy of a
    // node retains and every release releases.
    private var endLine: Int32
    private var endColumn: Int32

    public init(_ content: Content, tag: String? = nil, location: SourceLocation, end: SourceLocation) {
        self.content = content
        storedTag = tag ?? ""
        self.location = location
        endLine = Int32(clamping: end.line)
        endColumn = Int32(clamping: end.column)
    }

    /// Where the node ends (just past its last character).
    public var end: SourceLocation {
        get { SourceLocation(file: location.file, line: Int(endLine), column: Int(endColumn)) }
        set {
            endLine = Int32(clamping: newValue.line)
            endColumn = Int32(clamping: newValue.column)
        }
    }

    // Locations are not part of a node's identity.
    public static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
        lhs.content == rhs.content && lhs.tag == rhs.tag
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(content)
        hasher.combine(tag)
    }
}

/// One document of a YAML stream.
public struct YAMLDocument: Sendable, Hashable {
    /// The root node; `nil` for an empty document.
    public var root: YAMLNode?
    /// Where the document starts.
    public var location: SourceLocation

    public init(root: YAMLNode?, location: SourceLocation) {
        self.root = root
        self.location = location
    }
}
