import Manifest

/// Why the contract decided as it did: each fact it evaluated, what the fact was computed from,
/// the path or reason chosen, and what to change for a different decision.
public struct DecisionTrace: Sendable, Hashable {
    /// One evaluated fact of the contract (§3), such as `owns` or `narrowed`.
    public struct Fact: Sendable, Hashable {
        /// The fact's name as the contract spells it.
        public var name: String
        /// Whether the fact holds.
        public var holds: Bool
        /// What the fact was computed from, one sentence per line.
        public var details: [String] {
            get { detailText.map(\.string) }
            set { detailText = newValue.map(TraceText.init) }
        }
        /// The lines of ``details`` as a traced decision built them, as UTF-8: they become
        /// strings only when someone reads them.
        var detailText: [TraceText]
        /// The same inputs as named values, for machine readers, in a fixed order.
        public var inputs: [Input]

        /// One named value a fact was computed from.
        public struct Input: Sendable, Hashable {
            /// The value's name, such as `keys`.
            public var name: String
            /// The value.
            public var value: RegoValue

            /// A named value.
            public init(name: String, value: RegoValue) {
                self.name = name
                self.value = value
            }
        }

        /// A fact with its value and provenance.
        public init(name: String, holds: Bool, details: [String] = [], inputs: [Input] = []) {
            self.name = name
            self.holds = holds
            self.detailText = details.map(TraceText.init)
            self.inputs = inputs
        }

        /// A fact whose details are UTF-8 lines already.
        init(name: String, holds: Bool, detailText: [TraceText], inputs: [Input]) {
            self.name = name
            self.holds = holds
            self.detailText = detailText
            self.inputs = inputs
        }

        /// The inputs as an object: name → value.
        public var data: [String: RegoValue] {
            var data: [String: RegoValue] = [:]
            for input in inputs { data[input.name] = input.value }
            return data
        }
    }

    /// The policy-set version the data came from, when known.
    public var policySetVersionID: String?
    /// That version's manifest hash, when known.
    public var manifestSHA256: String?
    /// The evaluated facts in evaluation order.
    public var facts: [Fact]
    /// The decision the trace explains.
    public var outcome: Decision.Outcome
    /// What to change to get a different decision, as whole sentences.
    public var suggestions: [String]

    /// A trace.
    public init(
        policySetVersionID: String?,
        manifestSHA256: String?,
        facts: [Fact],
        outcome: Decision.Outcome,
        suggestions: [String]
    ) {
        self.policySetVersionID = policySetVersionID
        self.manifestSHA256 = manifestSHA256
        self.facts = facts
        self.outcome = outcome
        self.suggestions = suggestions
    }

    /// The fact named `name`, when it was evaluated.
    public func fact(named name: String) -> Fact? {
        facts.first { $0.name == name }
    }

    /// One sentence naming the path or reason chosen.
    public var conclusion: String {
        switch outcome {
        case .allowed(let path, let policy, _):
            return "allow by path \(path.rawValue) (\(path.summary)); determining policy \(policy)"
        case .denied(let reason):
            return "deny: \(reason.rawValue)"
        case .failed(let detail):
            return "deny: evaluation_conflict (evaluation failed closed): \(detail)"
        }
    }
}

extension AllowPath {
    /// The path's condition in the contract's words.
    var summary: String {
        switch self {
        case .bootstrap: return "bootstrap ∧ owns ∧ ¬restricted"
        case .mint: return "owns ∧ mint ∧ role allows mint ∧ ¬restricted ∧ ¬malformed"
        case .workload: return "workload ∧ ¬restricted ∧ ¬malformed"
        case .use: return "owns ∧ use ∧ role allows use ∧ ¬restricted"
        }
    }
}
