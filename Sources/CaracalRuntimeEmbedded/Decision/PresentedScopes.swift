import Manifest

/// The scopes a presented mandate carries: `subject_claims.scope` split on single spaces, empty
/// pieces dropped, as a set (contract §3).
///
/// The pieces are read from the string where they lie, so deciding builds no strings; the
/// set itself is only built for traces.
struct PresentedScopes {
    /// `subject_claims.scope` when it is a string; anything else presents nothing.
    private let text: Substring?

    init(_ scope: RegoValue?) {
        if case .string(let text)? = scope { self.text = text[...] } else { text = nil }
    }

    /// Whether no scope is presented.
    var isEmpty: Bool {
        allSatisfy { _ in false }
    }

    /// Whether `body` holds for every presented scope (each piece once or more).
    @inline(__always)
    func allSatisfy(_ body: (Substring) -> Bool) -> Bool {
        guard var rest = text else { return true }
        while let start = rest.utf8.firstIndex(where: { $0 != UInt8(ascii: " ") }) {
            let end = rest.utf8[start...].firstIndex(of: UInt8(ascii: " ")) ?? rest.endIndex
            if !body(rest[start..<end]) { return false }
            rest = rest[end...]
        }
        return true
    }

    /// The distinct scopes in Rego order, for traces.
    var elements: [String] {
        var pieces: [RegoValue] = []
        _ = allSatisfy { piece in
            pieces.append(.string(String(piece)))
            return true
        }
        return RegoSet(pieces).elements.compactMap(\.stringValue)
    }
}
