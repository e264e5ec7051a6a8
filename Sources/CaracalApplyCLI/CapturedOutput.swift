import Synchronization

/// What a captured `TerminalIO` recorded: standard output and error, and the input not yet read.
///
/// Safe to share between threads: every access goes through one mutex.
public final class CapturedOutput: Sendable {
    private struct State {
        var stdout = ""
        var stderr = ""
        var input: [String]
    }

    private let state: Mutex<State>

    /// Creates an empty recorder whose standard input yields `input`, line by line.
    public init(input: [String] = []) {
        state = Mutex(State(input: input))
    }

    /// Everything written to standard output so far.
    public var stdout: String { state.withLock { $0.stdout } }

    /// Everything written to standard error so far.
    public var stderr: String { state.withLock { $0.stderr } }

    /// Appends to the recorded standard output.
    public func appendOut(_ text: String) { state.withLock { $0.stdout += text } }

    /// Appends to the recorded standard error.
    public func appendErr(_ text: String) { state.withLock { $0.stderr += text } }

    /// Takes the next line of standard input, or `nil` when there is none left.
    public func nextInputLine() -> String? {
        state.withLock { state in state.input.isEmpty ? nil : state.input.removeFirst() }
    }
}
