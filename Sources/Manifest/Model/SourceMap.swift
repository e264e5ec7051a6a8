/// Where each field of a declared object was written, for diagnostics.
///
/// A source map never takes part in equality: two objects with the same content are equal
/// wherever they came from.
public struct SourceMap: Sendable, Hashable {
    private var locations: [String: SourceLocation] = [:]

    /// Where the object's document starts (its `apiVersion` or first key).
    public var document: SourceLocation

    public init(document: SourceLocation) {
        self.document = document
    }

    /// The location of a field path such as `spec.provider` or `spec.operations[2].scope`,
    /// falling back to the closest enclosing path that was recorded, then the document.
    public subscript(path: String) -> SourceLocation {
        get {
            var current = Substring(path)
            while true {
                if let location = locations[String(current)] { return location }
                guard let cut = current.lastIndex(where: { $0 == "." || $0 == "[" }) else { return document }
                current = current[..<cut]
            }
        }
        set { locations[path] = newValue }
    }

    /// Whether a location was recorded for exactly this path.
    public func has(_ path: String) -> Bool { locations[path] != nil }

    public static func == (lhs: SourceMap, rhs: SourceMap) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}
