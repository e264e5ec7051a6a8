/// Where a value sits in a document, such as `spec.operations[2].scope`.
///
/// The decoder records every field it reads in the ``SourceMap`` under its path, but few paths
/// are ever printed or looked up, so a path keeps its parts and builds its text only when asked
/// (through ``description``, as string interpolation does). A string literal is a path whose
/// text is the literal.
enum FieldPath: Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// A path given as its text.
    case text(String)
    /// One step down from a parent path.
    indirect case child(FieldPath, Step)

    /// One step from a path to a value inside it.
    enum Step: Sendable {
        /// A known field of a mapping: `parent.key`, or `key` alone when the parent is the document.
        case field(String)
        /// A key of a free-form mapping: `parent.key`, even when the parent is empty.
        case member(String)
        /// A list item: `parent[index]`.
        case item(Int)

        /// The text of the path this step leads to from a path with the text `parent`.
        func text(after parent: String) -> String {
            switch self {
            case .field(let key): return parent.isEmpty ? key : "\(parent).\(key)"
            case .member(let key): return "\(parent).\(key)"
            case .item(let index): return "\(parent)[\(index)]"
            }
        }
    }

    init(stringLiteral text: String) {
        self = .text(text)
    }

    static func field(_ parent: FieldPath, _ key: String) -> FieldPath { .child(parent, .field(key)) }
    static func member(_ parent: FieldPath, _ key: String) -> FieldPath { .child(parent, .member(key)) }
    static func item(_ parent: FieldPath, _ index: Int) -> FieldPath { .child(parent, .item(index)) }

    /// The path's text.
    var description: String {
        switch self {
        case .text(let text): return text
        case .child(let parent, let step): return step.text(after: parent.description)
        }
    }
}
