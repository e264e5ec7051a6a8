import Manifest

/// The scopes a presented mandate carries: `subject_claims.scope` split on single spaces, empty
/// pieces dropped, as a set (contract §3).
///
/// The pieces are read from the string where they lie, so deciding builds no strings; the
/// set itself is only built for traces.
struct PresentedScopes<Value: ContractValue> {
    /// `subject_claims.scope`; anything but a string presents nothing.
    private let scope: Value?

    init(_ scope: Value?) {
        self.scope = scope
    }

    /// Whether no scope is presented.
    var isEmpty: Bool {
        allSatisfy { _ in false }
    }

    /// Whether `body` holds for the UTF-8 bytes of every presented scope (each piece once or more).
    @inline(__always)
    func allSatisfy(_ body: (UnsafeRawBufferPointer) -> Bool) -> Bool {
        scope?.withUTF8 { text in
            var start = 0
            while start < text.count {
                guard text[start] != UInt8(ascii: " ") else {
                    start += 1
                    continue
                }
                var end = start + 1
                while end < text.count, text[end] != UInt8(ascii: " ") { end += 1 }
                if !body(UnsafeRawBufferPointer(rebasing: text[start..<end])) { return false }
                start = end
            }
            return true
        } ?? true
    }

    /// The distinct scopes in Rego order, for traces.
    var elements: [String] {
        var pieces: [RegoValue] = []
        _ = allSatisfy { piece in
            pieces.append(.string(String(decoding: piece, as: UTF8.self)))
            return true
        }
        return RegoSet(pieces).elements.compactMap(\.stringValue)
    }
}
