import TestSupport
/// Turns seed manifests into hostile variants: broken bytes, cut files, bombs and splices.
///
/// Every input is a pure function of the mutator's seed and the input's number, so a failing
/// input can be rebuilt with ``input(number:)`` alone. Reusable for any pipeline that reads
/// manifest bytes.
struct ManifestMutator {
    /// One way of damaging a manifest.
    enum Mutation: CaseIterable, Sendable {
        case byteFlips
        case truncation
        case deepBrackets
        case deepDashes
        case deepIndentation
        case hugeScalar
        case aliasBomb
        case invalidUTF8
        case splice
        case duplicatedLines
        case deletedLines
        case tokenInsertion
    }

    let seeds: [[UInt8]]
    let seed: UInt64
    /// How long a huge scalar is; just past the loader's default 1 MiB limit.
    var hugeScalarBytes = 1024 * 1024 + 16

    init(seeds: [[UInt8]], seed: UInt64) {
        precondition(!seeds.isEmpty, "A mutator needs at least one seed manifest.")
        self.seeds = seeds
        self.seed = seed
    }

    /// The input numbered `number`: a seed with one to three mutations applied.
    func input(number: Int) -> [UInt8] {
        var rng = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: number) &* 0xD6E8_FEB8_6659_FD93))
        var bytes = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let mutation = Mutation.allCases.randomElement(using: &rng)!
            bytes = apply(mutation, to: bytes, using: &rng)
        }
        return bytes
    }

    /// `bytes` with `mutation` applied once.
    func apply(_ mutation: Mutation, to bytes: [UInt8], using rng: inout SplitMix64) -> [UInt8] {
        var bytes = bytes
        switch mutation {
        case .byteFlips:
            guard !bytes.isEmpty else { return [UInt8.random(in: 0...255, using: &rng)] }
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                let index = Int.random(in: 0..<bytes.count, using: &rng)
                if Bool.random(using: &rng) {
                    bytes[index] ^= 1 << UInt8.random(in: 0...7, using: &rng)
                } else {
                    bytes[index] = UInt8.random(in: 0...255, using: &rng)
                }
            }
        case .truncation:
            bytes.removeSubrange(Int.random(in: 0...bytes.count, using: &rng)...)
        case .deepBrackets:
            let depth = Int.random(in: 60...10_000, using: &rng)
            let open: UInt8 = Bool.random(using: &rng) ? UInt8(ascii: "[") : UInt8(ascii: "{")
            var insertion = Array("deep: ".utf8) + Array(repeating: open, count: depth)
            if Bool.random(using: &rng) {
                insertion += Array("x".utf8) + Array(repeating: open == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}"), count: depth)
            }
            insertion.append(UInt8(ascii: "\n"))
            bytes.insert(contentsOf: insertion, at: lineStart(in: bytes, using: &rng))
        case .deepDashes:
            let depth = Int.random(in: 60...10_000, using: &rng)
            let insertion = Array((String(repeating: "- ", count: depth) + "x\n").utf8)
            bytes.insert(contentsOf: insertion, at: lineStart(in: bytes, using: &rng))
        case .deepIndentation:
            var insertion: [UInt8] = []
            for level in 0..<Int.random(in: 60...300, using: &rng) {
                insertion += Array(repeating: UInt8(ascii: " "), count: level) + Array("k\(level):\n".utf8)
            }
            bytes.insert(contentsOf: insertion, at: lineStart(in: bytes, using: &rng))
        case .hugeScalar:
            var insertion = Array("description: ".utf8)
            insertion += Array(repeating: UInt8(ascii: "a"), count: hugeScalarBytes)
            insertion.append(UInt8(ascii: "\n"))
            bytes.insert(contentsOf: insertion, at: lineStart(in: bytes, using: &rng))
        case .aliasBomb:
            var bomb = "---\nlol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            for level in 1...9 {
                bomb += "lol\(level): &lol\(level) [" + Array(repeating: "*lol\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
            }
            bytes.insert(contentsOf: Array(bomb.utf8), at: Bool.random(using: &rng) ? bytes.count : lineStart(in: bytes, using: &rng))
        case .invalidUTF8:
            let broken: [[UInt8]] = [
                [0xFF], [0xFE, 0xFF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC0, 0xAF],
                [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0x00], [0x07], [0x1B], [0x7F],
            ]
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                bytes.insert(contentsOf: broken.randomElement(using: &rng)!, at: Int.random(in: 0...bytes.count, using: &rng))
            }
        case .splice:
            let other = seeds.randomElement(using: &rng)!
            let cut = Int.random(in: 0...bytes.count, using: &rng)
            let from = Int.random(in: 0...other.count, using: &rng)
            bytes = Array(bytes[..<cut]) + Array(other[from...])
        case .duplicatedLines:
            for _ in 0..<Int.random(in: 1...4, using: &rng) where !bytes.isEmpty {
                let line = randomLine(in: bytes, using: &rng)
                let copy = Array(bytes[line])
                bytes.insert(contentsOf: copy, at: Bool.random(using: &rng) ? line.lowerBound : line.upperBound)
            }
        case .deletedLines:
            for _ in 0..<Int.random(in: 1...4, using: &rng) where !bytes.isEmpty {
                bytes.removeSubrange(randomLine(in: bytes, using: &rng))
            }
        case .tokenInsertion:
            let tokens = [
                ":", "- ", "? ", "&a ", "*a", "*undefined", "<<: *a\n", "<<: 5\n", "!!str ", "!custom ",
                "{", "}", "[", "]", "\"", "'", "|\n", ">-\n", "#", "---\n", "...\n", "%TAG ! tag:x,2000:\n",
                "\t", "\r", "\r\n", "\u{FEFF}", "${env:", "  ", "\n  ", "é", "😀",
            ]
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                bytes.insert(contentsOf: Array(tokens.randomElement(using: &rng)!.utf8), at: Int.random(in: 0...bytes.count, using: &rng))
            }
        }
        return bytes
    }

    /// A random offset at which a line starts (the end counts as one).
    private func lineStart(in bytes: [UInt8], using rng: inout SplitMix64) -> Int {
        bytes.isEmpty || Int.random(in: 0...20, using: &rng) == 0 ? bytes.count : randomLine(in: bytes, using: &rng).lowerBound
    }

    /// The byte range of a random line of non-empty `bytes`, its line break included.
    ///
    /// Found from a random offset rather than by splitting the whole input, which is slow in
    /// debug builds; longer lines are picked more often, which does not matter here.
    private func randomLine(in bytes: [UInt8], using rng: inout SplitMix64) -> Range<Int> {
        let newline = UInt8(ascii: "\n")
        let offset = Int.random(in: 0..<bytes.count, using: &rng)
        let start = bytes[..<offset].lastIndex(of: newline).map { $0 + 1 } ?? 0
        let end = bytes[offset...].firstIndex(of: newline).map { $0 + 1 } ?? bytes.count
        return start..<end
    }
}
