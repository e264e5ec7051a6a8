/// The shape of a policy input line that `PolicyInputSkimmer` read in full: the line's bytes
/// outside the values of its members, and what stands between them.
///
/// The objects whose members the contract reads are part of the shape (their keys, and where
/// they begin and end); every other member value (a string, a number, an array, an object
/// nobody reads) is a value of the shape, read anew in each line.
struct InputShape {
    /// What comes after a run of literal bytes.
    enum Kind {
        /// A member value, read as the skimmer reads a member of `members` at `depth`, and the
        /// field it is, if any.
        case value(field: PolicyInputSkimmer.Field?, members: PolicyInputSkimmer.Object, depth: Int)
        /// The object of `field` begins here, with the next literal byte.
        case open(PolicyInputSkimmer.Field)
        /// The object of `field` ended with the last literal byte.
        case close(PolicyInputSkimmer.Field)
        /// The line ends here.
        case end
    }

    /// A run of literal bytes and what follows it.
    struct Step {
        /// How many bytes of `literal` the step compares first.
        var literalCount: Int
        var kind: Kind
    }

    /// The line's bytes outside the values, back to back.
    private(set) var literal: [UInt8] = []
    private(set) var steps: [Step] = []

    /// Records a shape while the skimmer reads a line: everything is literal except what
    /// `skip(to:)` leaves out.
    struct Recorder {
        private(set) var shape = InputShape()
        private var literalStart = 0

        /// Ends the run of literal bytes at `position` of `bytes` with `kind`.
        mutating func mark(_ kind: Kind, at position: Int, in bytes: UnsafeBufferPointer<UInt8>) {
            shape.literal.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[literalStart..<position]))
            shape.steps.append(Step(literalCount: position - literalStart, kind: kind))
            literalStart = position
        }

        /// Leaves the bytes up to `position` (a value) out of the literal bytes.
        mutating func skip(to position: Int) {
            literalStart = position
        }
    }
}
