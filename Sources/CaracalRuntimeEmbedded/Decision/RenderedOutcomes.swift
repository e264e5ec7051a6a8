/// The rendered answer of each distinct outcome a replay has met, so that each is rendered once.
///
/// Replayed traffic repeats a few hundred outcomes a hundred thousand times, and hashing an
/// outcome with `Hasher` (its policy name, its diagnostics) costs more than deciding it. The
/// common outcomes, a deny reason or an allow without diagnostics, are found instead in a
/// direct-mapped table by a cheap hash of their policy name; the others, and outcomes whose
/// slot another took, go through a dictionary.
struct RenderedOutcomes {
    private let render: (Decision) -> [UInt8]
    /// The outcome in each slot, and its answer with its newline, side by side so that a
    /// lookup compares an outcome without copying the answer.
    private var slotOutcomes: [Decision.Outcome?]
    private var slotAnswers: [[UInt8]]
    private var others: [Decision.Outcome: [UInt8]] = [:]

    private static let slotCount = 1 << 10
    /// Read once: `allCases` builds its array at each use.
    private static let denyReasons = DenyReason.allCases
    private static let allowPaths = AllowPath.allCases

    /// A table that renders a decision's answer with `render` the first time its outcome comes.
    init(render: @escaping (Decision) -> [UInt8]) {
        self.render = render
        slotOutcomes = Array(repeating: nil, count: Self.slotCount)
        slotAnswers = Array(repeating: [], count: Self.slotCount)
    }

    /// Appends the answer for `decision`, and a newline, to `output`.
    mutating func append(_ decision: Decision, to output: inout [UInt8]) {
        let outcome = decision.outcome
        guard let slot = Self.slot(of: outcome) else { return output.append(contentsOf: other(decision)) }
        if case let stored? = slotOutcomes[slot], stored == outcome {
            output.append(contentsOf: slotAnswers[slot])
            return
        }
        let answer = other(decision)
        slotOutcomes[slot] = outcome
        slotAnswers[slot] = answer
        output.append(contentsOf: answer)
    }

    /// The answer, with its newline, of an outcome that has no slot or lost it.
    private mutating func other(_ decision: Decision) -> [UInt8] {
        if let answer = others[decision.outcome] { return answer }
        let answer = render(decision) + [UInt8(ascii: "\n")]
        others[decision.outcome] = answer
        return answer
    }

    /// The slot of a common outcome; `nil` for the others.
    @inline(__always)
    private static func slot(of outcome: Decision.Outcome) -> Int? {
        switch outcome {
        case .denied(let reason):
            return denyReasons.firstIndex(of: reason)
        case .allowed(let path, let policy, let diagnostics) where diagnostics.isEmpty:
            // The name's bytes eight at a time, then the path.
            let name = policy.utf8.withContiguousStorageIfAvailable { StringTable.hash(UnsafeRawBufferPointer($0)) } ?? policy.hashValue
            return (name &+ allowPaths.firstIndex(of: path)!) & (slotCount - 1)
        default:
            return nil
        }
    }
}
