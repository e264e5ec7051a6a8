/// The rendered answer of each distinct outcome a replay has met, so that each is rendered once.
///
/// Replayed traffic repeats a few hundred outcomes a hundred thousand times, and hashing an
/// outcome with `Hasher` (its policy name, its diagnostics) costs more than deciding it. The
/// common outcomes are found without it: a deny reason by its position among the reasons, an
/// allow without diagnostics in an open-addressed table by a cheap hash of its policy name. The
/// others, and allows the table has no room for near their slot, go through a dictionary.
struct RenderedOutcomes {
    private let render: (Decision) -> [UInt8]
    /// The answer of each deny reason met, by its position in `DenyReason.allCases`.
    private var denyAnswers: [[UInt8]?]
    /// The allow in each slot, and its answer with its newline, side by side so that a lookup
    /// compares an outcome without copying the answer.
    private var slotOutcomes: [Decision.Outcome?]
    private var slotAnswers: [[UInt8]]
    private var others: [Decision.Outcome: [UInt8]] = [:]

    private static let slotCount = 1 << 11
    /// How many slots from its own an allow may be found in.
    private static let probes = 8
    /// Read once: `allCases` builds its array at each use.
    private static let denyReasons = DenyReason.allCases
    private static let allowPaths = AllowPath.allCases

    /// A table that renders a decision's answer with `render` the first time its outcome comes.
    init(render: @escaping (Decision) -> [UInt8]) {
        self.render = render
        denyAnswers = Array(repeating: nil, count: Self.denyReasons.count)
        slotOutcomes = Array(repeating: nil, count: Self.slotCount)
        slotAnswers = Array(repeating: [], count: Self.slotCount)
    }

    /// Appends the answer for `decision`, and a newline, to `output`.
    mutating func append(_ decision: Decision, to output: inout [UInt8]) {
        let outcome = decision.outcome
        switch outcome {
        case .denied(let reason):
            let index = Self.denyReasons.firstIndex(of: reason)!
            if let answer = denyAnswers[index] { return Self.copy(answer, to: &output) }
            let answer = Self.line(render(decision))
            denyAnswers[index] = answer
            Self.copy(answer, to: &output)
        case .allowed(let path, let policy, let diagnostics) where diagnostics.isEmpty:
            // The name's bytes eight at a time, then the path.
            let name = policy.utf8.withContiguousStorageIfAvailable { StringTable.hash(UnsafeRawBufferPointer($0)) } ?? policy.hashValue
            var slot = (name &+ Self.allowPaths.firstIndex(of: path)!) & (Self.slotCount - 1)
            for _ in 0..<Self.probes {
                guard let stored = slotOutcomes[slot] else {
                    let answer = Self.line(render(decision))
                    slotOutcomes[slot] = outcome
                    slotAnswers[slot] = answer
                    return Self.copy(answer, to: &output)
                }
                if stored == outcome { return Self.copy(slotAnswers[slot], to: &output) }
                slot = (slot + 1) & (Self.slotCount - 1)
            }
            Self.copy(other(decision), to: &output)
        default:
            Self.copy(other(decision), to: &output)
        }
    }

    /// The answer, with its newline, of an outcome the fast paths do not keep.
    private mutating func other(_ decision: Decision) -> [UInt8] {
        if let answer = others[decision.outcome] { return answer }
        let answer = Self.line(render(decision))
        others[decision.outcome] = answer
        return answer
    }

    /// Appends `answer` to `output` with one `memcpy`: appending the array itself copied it
    /// byte by byte, which cost more than deciding the line.
    @inline(__always)
    private static func copy(_ answer: [UInt8], to output: inout [UInt8]) {
        answer.withUnsafeBufferPointer { output.append(contentsOf: $0) }
    }

    private static func line(_ answer: [UInt8]) -> [UInt8] {
        answer + [UInt8(ascii: "\n")]
    }
}
