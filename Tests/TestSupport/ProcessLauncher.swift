import Foundation

/// Starts child processes one at a time.
///
/// Foundation's `Process.run()` is not safe to call from several threads at once on Linux (a
/// test run crashed inside it, copying memory, while tests launched processes side by side).
/// Every test that starts a process goes through here, so launches take turns while the
/// processes themselves still run at the same time.
public enum ProcessLauncher {
    private static let launching = NSLock()

    /// Runs `process`, waiting for any other launch in progress first.
    public static func run(_ process: Process) throws {
        try launching.withLock { try process.run() }
    }
}
