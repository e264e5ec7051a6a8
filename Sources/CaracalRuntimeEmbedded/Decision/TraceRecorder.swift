import Manifest

/// Where the evaluation reports facts. The contract is written once; with `SilentRecorder` the
/// reports compile away, so a decision without a trace never builds trace text.
protocol TraceRecorder {
    /// Whether details are wanted at all.
    static var isRecording: Bool { get }
    /// Reports a fact; the arguments are only evaluated when recording.
    mutating func fact(
        _ name: String,
        _ holds: Bool,
        _ details: @autoclosure () -> [TraceText],
        data: @autoclosure () -> KeyValuePairs<String, RegoValue>
    )
    /// Reports what to change; only evaluated when recording.
    mutating func suggest(_ suggestions: @autoclosure () -> [TraceText])
}

/// Records nothing.
struct SilentRecorder: TraceRecorder {
    static var isRecording: Bool { false }

    @inline(__always)
    mutating func fact(
        _ name: String,
        _ holds: Bool,
        _ details: @autoclosure () -> [TraceText],
        data: @autoclosure () -> KeyValuePairs<String, RegoValue>
    ) {}

    @inline(__always)
    mutating func suggest(_ suggestions: @autoclosure () -> [TraceText]) {}
}

/// Collects facts and suggestions for a `DecisionTrace`.
struct CollectingRecorder: TraceRecorder {
    static var isRecording: Bool { true }
    var facts: [DecisionTrace.Fact]
    var suggestions: [String] = []

    init() {
        facts = []
        facts.reserveCapacity(20)
    }

    mutating func fact(
        _ name: String,
        _ holds: Bool,
        _ details: @autoclosure () -> [TraceText],
        data: @autoclosure () -> KeyValuePairs<String, RegoValue>
    ) {
        let inputs = data().map { DecisionTrace.Fact.Input(name: $0.key, value: $0.value) }
        facts.append(DecisionTrace.Fact(name: name, holds: holds, detailText: details(), inputs: inputs))
    }

    mutating func suggest(_ suggestions: @autoclosure () -> [TraceText]) {
        self.suggestions.append(contentsOf: suggestions().lazy.map(\.string))
    }
}
