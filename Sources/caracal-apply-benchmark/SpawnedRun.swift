import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to its end and times it, from just before it is started to just after it
/// is reaped.
///
/// Foundation's `Process.waitUntilExit()` polls a run loop every 50 ms, which rounds a run of a
/// tenth of a second up by as much as half its length; `waitpid` returns when the child ends.
enum SpawnedRun {
    /// Runs `executable` with `arguments`, standard output into the file at `output` (created
    /// or emptied) and standard error discarded; the wall-clock seconds and the exit status.
    static func time(_ executable: String, _ arguments: [String], output: String) throws -> (seconds: Double, status: Int32) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let clock = ContinuousClock()
        let start = clock.now
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchmarkFailure("cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw BenchmarkFailure("waitpid failed: errno \(errno)") }
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        // WIFEXITED / WEXITSTATUS: the low seven bits are the signal, the next eight the status.
        return (seconds, status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F))
    }
}
