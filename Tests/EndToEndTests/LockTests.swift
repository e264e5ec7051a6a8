import CaracalRuntimeEmbedded
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The embedded runtime's exclusive lock: a second apply fails at once naming the holder, or
/// waits with `--lock-timeout` (SPEC §5).
@Suite struct LockTests {
    static let environment = ["PIPERNET_API_KEY": "lock-test-key", "E2E_PROVIDER_KEY": "lock-test-provider-key"]

    /// The pid the lock file names, if a holder has written it.
    static func lockHolder(_ stateDirectory: String) -> Int? {
        guard let data = FileManager.default.contents(atPath: stateDirectory + "/lock"), !data.isEmpty,
              let info = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return (info["pid"] as? NSNumber)?.intValue
    }

    /// Whether process `pid` has `path` open (Linux: /proc/PID/fd); on other systems, `true`.
    static func hasOpen(_ pid: Int32, _ path: String) -> Bool {
        #if os(Linux)
        let fdDirectory = "/proc/\(pid)/fd"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: fdDirectory) else { return false }
        return entries.contains { (try? FileManager.default.destinationOfSymbolicLink(atPath: fdDirectory + "/" + $0)) == path }
        #else
        return true
        #endif
    }

    @Test func aSecondApplyFailsAtOnceNamingTheHolderOrWaitsForIt() async throws {
        let workspace = try Workspace.quickstart("lock")
        defer { workspace.remove() }
        // The holder: a real apply of a few hundred generated objects into the same state folder.
        let generated = LargeManifests(zones: 3)
        try generated.write(to: workspace.file("generated"))
        let state = workspace.stateDirectory

        let holder = try Binary.Running(["apply", "--auto-approve", "-f", "generated"], in: workspace.url, environment: Self.environment)
        defer { if holder.isRunning { holder.send(SIGKILL) } }
        let holderPID = Int(holder.pid)
        // Freeze it the moment the lock file names it, so it holds the lock as long as we need.
        let locked = waitUntil(seconds: 60) { Self.lockHolder(state) == holderPID || !holder.isRunning }
        holder.send(SIGSTOP)
        try #require(locked && Self.lockHolder(state) == holderPID, "the holder never recorded itself in the lock file: \(holder.stderrSoFar())")

        // A second apply fails at once and names the holder: pid, command, start time.
        let refused = try await Binary.runAsync(["apply", "--auto-approve"], in: workspace.url, environment: Self.environment)
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.hasPrefix("Error: The embedded state in '\(state)' is locked by pid \(holderPID) (caracal-apply apply), started "), "\(refused)")
        #expect(refused.stderr.contains(/started \d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}/), "the start time: \(refused)")
        #expect(refused.stderr.contains("--lock-timeout"), "\(refused)")
        #expect(refused.stdout.isEmpty, "nothing was planned or applied: \(refused)")

        // With --lock-timeout it waits for the holder instead...
        let waiter = try Binary.Running(["apply", "--auto-approve", "--lock-timeout", "30"], in: workspace.url, environment: Self.environment)
        defer { if waiter.isRunning { waiter.send(SIGKILL) } }
        let waiting = waitUntil(seconds: 60) { Self.hasOpen(waiter.pid, state + "/lock") || !waiter.isRunning }
        #expect(waiting && waiter.isRunning, "the waiting apply should be blocked on the lock: \(waiter.stderrSoFar())")
        #expect(Self.lockHolder(state) == holderPID)

        // ...and succeeds once the holder finishes and releases it.
        holder.send(SIGCONT)
        let holderResult = try await holder.waitAsync()
        #expect(holderResult.status == 0 && !holderResult.signaled, "\(holderResult)")
        let waited = try await waiter.waitAsync()
        #expect(waited.status == 0, "\(waited)")
        #expect(waited.stdout.contains("Apply complete: 7 changed."), "\(waited)")

        // Both applies landed: each manifest set is in sync.
        let quickstart = try await Binary.runAsync(["plan", "--detailed-exitcode"], in: workspace.url, environment: Self.environment)
        #expect(quickstart.status == 0, "\(quickstart)")
        let big = try await Binary.runAsync(["plan", "--detailed-exitcode", "-f", "generated"], in: workspace.url, environment: Self.environment)
        #expect(big.status == 0, "\(big)")
    }

    @Test func lockTimeoutWaitsForAnotherProcessHoldingTheRuntime() async throws {
        let workspace = try Workspace.quickstart("lock-held")
        defer { workspace.remove() }
        let state = workspace.stateDirectory
        // The test process itself holds the writer lock, as any other tool opening the state would.
        let runtime = try EmbeddedRuntime.open(directory: state, options: .init(command: "e2e-test holder"))
        var released = false
        defer { if !released { Task { [runtime] in try? await runtime.close() } } }
        #expect(Self.lockHolder(state) == Int(getpid()))

        let refused = try await Binary.runAsync(["apply", "--auto-approve", "--lock-timeout", "0"], in: workspace.url, environment: Self.environment)
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("is locked by pid \(getpid()) (e2e-test holder), started "), "\(refused)")

        let waiter = try Binary.Running(["apply", "--auto-approve", "--lock-timeout", "30"], in: workspace.url, environment: Self.environment)
        defer { if waiter.isRunning { waiter.send(SIGKILL) } }
        let waiting = waitUntil(seconds: 60) { Self.hasOpen(waiter.pid, state + "/lock") || !waiter.isRunning }
        #expect(waiting && waiter.isRunning, "the waiting apply should be blocked on the lock: \(waiter.stderrSoFar())")

        try await runtime.close()
        released = true
        let waited = try await waiter.waitAsync()
        #expect(waited.status == 0, "\(waited)")
        #expect(waited.stdout.contains("Apply complete: 7 changed."), "\(waited)")
        // The lock is free again and names nobody.
        #expect(Self.lockHolder(state) == nil)
    }
}
