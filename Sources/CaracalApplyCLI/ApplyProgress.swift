import Reconciler
import Synchronization

/// Shows apply's progress on standard error: a counter rewritten in place on a terminal, one
/// line per finished object otherwise (SPEC §2).
final class ApplyProgress: Sendable {
    private let total: Int
    private let io: TerminalIO
    private let finished = Mutex(0)

    init(total: Int, io: TerminalIO) {
        self.total = total
        self.io = io
    }

    func record(_ outcome: ChangeOutcome) {
        let done = finished.withLock { count -> Int in
            count += 1
            return count
        }
        if io.stderrIsTerminal {
            // Problems stay on screen; successes only move the counter.
            let keep = outcome.succeeded ? "" : "\r\u{1B}[K\(outcome.line)\n"
            io.writeErr("\(keep)\r\u{1B}[K[\(done)/\(total)] \(outcome.line)")
        } else {
            io.writeErr("[\(done)/\(total)] \(outcome.line)\n")
        }
    }

    /// Ends the in-place line on a terminal.
    func finish() {
        if io.stderrIsTerminal { io.writeErr("\r\u{1B}[K") }
    }
}
