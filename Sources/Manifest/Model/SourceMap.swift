/// Where each field of a declared object was written, for diagnostics.
///
/// A source map never takes part in equality: two objects with the same content are equal
/// wherever they came from.
///
/// Every decoded field is recorded but few are ever looked up, so a small map keeps its paths
/// in a list in the order they were set (searched from the end, so the last setting wins, as in
/// a dictionary); a hash table takes over past a few dozen paths so that huge maps stay fast.
public struct SourceMap: Sendable, Hashable {
    private static let linearLimit = 32
    private var list: [(path: String, location: SourceLocation)] = []
    private var table: [String: SourceLocation] = [:]

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
            if table.isEmpty {
                if list.count < Self.linearLimit {
                    list.append((path, newValue))
                    return
                }
                for entry in list { table[entry.path] = entry.location }
                list = []
            }
            table[path] = newValue
        }
    }

    /// Whether a location was recorded for exactly this path.
    public func has(_ path: String) -> Bool { recorded(path) != nil }

    private func recorded(_ path: String) -> SourceLocation? {
        table.isEmpty ? list.last { $0.path == path }?.location : table[path]
    }

    public static func == (lhs: SourceMap, rhs: SourceMap) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}
