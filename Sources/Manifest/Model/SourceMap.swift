import Synchronization

/// Where each field of a declared object was written, for diagnostics.
///
/// A source map never takes part in equality: two objects with the same content are equal
/// wherever they came from.
///
/// Every decoded field is recorded but few are ever looked up, so fields are kept in the order
/// they were set, each under its path's parts, and no path text is built while recording. A
/// lookup compares texts, searching from the end so that the last setting wins, as in a
/// dictionary; past a few dozen paths, the texts are put in a hash table on the first lookup so
/// that huge maps stay fast.
public struct SourceMap: Sendable, Hashable {
    private static let linearLimit = 32
    /// Room reserved at the first recording: enough for most objects, which record 5 to 25 paths.
    private static let initialCapacity = 16
    /// Each recorded path as its parent and the step from it (`nil` when the parent is the path).
    private var entries: [Entry] = []
    /// The entries' texts, once a large map is looked up; shared only by copies with the same entries.
    private var table: Table?

    /// Where the object's document starts (its `apiVersion` or first key).
    public var document: SourceLocation

    /// A map with no field recorded yet, for a document starting at `document`.
    public init(document: SourceLocation) {
        self.document = document
    }

    /// The location of a field path such as `spec.provider` or `spec.operations[2].scope`,
    /// falling back to the closest enclosing path that was recorded, then the document.
    public subscript(path: String) -> SourceLocation {
        get {
            var current = Substring(path)
            while true {
                if let location = recorded(String(current)) { return location }
                guard let cut = current.lastIndex(where: { $0 == "." || $0 == "[" }) else { return document }
                current = current[..<cut]
            }
        }
        set {
            append(Entry(parent: .text(path), step: nil, location: newValue))
        }
    }

    /// Records where the value one `step` inside `parent` was written.
    ///
    /// Passing the parent and the step apart, rather than the path they make, keeps recording
    /// free of allocation.
    mutating func record(_ step: FieldPath.Step, of parent: FieldPath, at location: SourceLocation) {
        append(Entry(parent: parent, step: step, location: location))
    }

    private mutating func append(_ entry: consuming Entry) {
        // A table shared with a copy describes that copy's entries too; this map now differs.
        if table != nil, !isKnownUniquelyReferenced(&table) { table = nil }
        if entries.isEmpty { entries.reserveCapacity(Self.initialCapacity) }
        entries.append(entry)
        if entries.count > Self.linearLimit, table == nil { table = Table() }
    }

    /// Whether a location was recorded for exactly this path.
    public func has(_ path: String) -> Bool { recorded(path) != nil }

    private func recorded(_ path: String) -> SourceLocation? {
        guard let table else { return entries.last { $0.text == path }?.location }
        return table.location(of: path, in: entries)
    }

    public static func == (lhs: SourceMap, rhs: SourceMap) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}

    private struct Entry: Sendable {
        var parent: FieldPath
        var step: FieldPath.Step?
        var location: SourceLocation

        var text: String {
            let parentText = parent.description
            return step?.text(after: parentText) ?? parentText
        }
    }

    /// The texts of a map's entries by path, brought up to date on each lookup.
    private final class Table: Sendable {
        private let state = Mutex<(count: Int, locations: [String: SourceLocation])>((0, [:]))

        func location(of path: String, in entries: [Entry]) -> SourceLocation? {
            state.withLock { state in
                for entry in entries[state.count...] { state.locations[entry.text] = entry.location }
                state.count = entries.count
                return state.locations[path]
            }
        }
    }
}
