import CaracalRuntime
import Foundation
import Manifest
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif


/// An apply killed with SIGKILL at any moment leaves state that loads, and the next apply
/// converges with nothing duplicated (SPEC §5, §8).
@Suite struct ApplyCrashRecoveryTests {
    /// `CARACAL_E2E_KILL_TRIALS` and `CARACAL_E2E_SEED` override the number of trials and the seed.
    static let trials = ProcessInfo.processInfo.environment["CARACAL_E2E_KILL_TRIALS"].flatMap(Int.init) ?? 20
    static let seed = ProcessInfo.processInfo.environment["CARACAL_E2E_SEED"].flatMap { UInt64($0) } ?? 20_261_129

    /// When to kill one apply.
    enum Moment: CustomStringConvertible {
        /// Once stderr shows this many finished changes.
        case afterProgressLines(Int)
        /// This long after the first change finished, wherever the process is then.
        case afterMilliseconds(Int)

        var description: String {
            switch self {
            case .afterProgressLines(let n): return "after \(n) progress lines"
            case .afterMilliseconds(let ms): return "\(ms) ms after the first change"
            }
        }
    }

    static func progressLines(_ text: String) -> Int {
        text.split(separator: "\n").reduce(0) { $0 + ($1.hasPrefix("[") && $1.contains("/") ? 1 : 0) }
    }

    /// `CARACAL_E2E_KILL_LANES`: how many trials run at once (each in its own state folder).
    static let lanes = max(1, ProcessInfo.processInfo.environment["CARACAL_E2E_KILL_LANES"].flatMap(Int.init) ?? 2)

    @Test func sigkillDuringALargeApplyConvergesWithNothingDuplicated() async throws {
        let workspace = try Workspace("crash")
        defer { workspace.remove() }
        let manifests = LargeManifests()
        try manifests.write(to: workspace.file("caracal"))
        #expect(manifests.objectCount == 2_000)

        // Every trial's kill moment comes from one seeded sequence, whatever runs in parallel.
        var random = SplitMix64(seed: Self.seed)
        let moments: [Moment] = (0..<Self.trials).map { trial in
            trial.isMultiple(of: 2)
                ? .afterProgressLines(Int.random(in: 0..<(manifests.changeCount * 97 / 100), using: &random))
                : .afterMilliseconds(Int.random(in: 0..<3_000, using: &random))
        }
        let outcomes = try await withThrowingTaskGroup(of: [(Int, Bool, String)].self) { group in
            for lane in 0..<Self.lanes {
                group.addTask {
                    var results: [(Int, Bool, String)] = []
                    for trial in stride(from: lane, to: moments.count, by: Self.lanes) {
                        results.append(try await Self.runTrial(trial, moment: moments[trial], manifests: manifests, workspace: workspace))
                    }
                    return results
                }
            }
            var all: [(Int, Bool, String)] = []
            for try await results in group { all += results }
            return all.sorted { $0.0 < $1.0 }
        }
        let killedMidway = outcomes.filter(\.1).count
        let log = outcomes.map(\.2).joined(separator: "\n")
        // Progress-line trials always kill mid-apply; timed ones may land after it finished.
        #expect(killedMidway >= Self.trials / 2, "only \(killedMidway) of \(Self.trials) applies were killed midway:\n\(log)")
        print("Crash recovery (seed \(Self.seed)), \(killedMidway) of \(Self.trials) applies killed midway:\n\(log)")
    }

    /// Starts an apply into a fresh state folder, kills it at `moment`, then checks that the
    /// state loads, a second apply converges, and every declared object exists exactly once.
    /// Returns the trial, whether the kill landed midway, and a line for the log.
    static func runTrial(_ trial: Int, moment: Moment, manifests: LargeManifests, workspace: Workspace) async throws -> (Int, Bool, String) {
        let environment = [manifests.secretVariable: "crash-test-provider-key"]
        let runtime = ["--runtime", "embedded:state-\(trial)"]
        let context = "seed \(Self.seed), trial \(trial), kill \(moment)"
        let clock = ContinuousClock()

        let trialStart = clock.now
        let victim = try Binary.Running(["apply", "--auto-approve"] + runtime, in: workspace.url, environment: environment)
        let reached = try await offPool {
            switch moment {
            case .afterProgressLines(let n):
                return waitUntil(seconds: 120) { !victim.isRunning || Self.progressLines(victim.stderrSoFar()) >= n }
            case .afterMilliseconds(let ms):
                guard waitUntil(seconds: 120, { !victim.isRunning || Self.progressLines(victim.stderrSoFar()) >= 1 }) else { return false }
                let first = clock.now
                return waitUntil(seconds: 120) { !victim.isRunning || clock.now - first >= .milliseconds(ms) }
            }
        }
        victim.send(SIGKILL)
        let killed = try await victim.waitAsync()
        #expect(reached, "\(context): the apply never got that far: \(killed)")
        if killed.signaled {
            #expect(killed.status == SIGKILL, "\(context): \(killed)")
        } else {
            #expect(killed.status == 0, "\(context): the apply finished before the kill, and failed: \(killed)")
        }
        let killedAt = clock.now

        // The state loads: plan shows what is left (exit 2), or nothing (0), never an error.
        let plan = try await Binary.runAsync(["plan", "--detailed-exitcode"] + runtime, in: workspace.url, environment: environment)
        #expect(plan.status == 0 || plan.status == 2, "\(context): \(plan)")
        // Running apply again converges...
        let again = try await Binary.runAsync(["apply", "--auto-approve"] + runtime, in: workspace.url, environment: environment)
        #expect(again.status == 0, "\(context): \(again)")
        // ...and leaves nothing to do.
        let settled = try await Binary.runAsync(["plan", "--detailed-exitcode"] + runtime, in: workspace.url, environment: environment)
        #expect(settled.status == 0, "\(context): \(settled)")
        let recovered = clock.now

        // Exactly the declared objects, none twice.
        let state = try await State.snapshot(workspace.file("state-\(trial)").path)
        #expect(state.count == manifests.objectCount, "\(context): \(state.count) live objects")
        let zoneNames = state.zones.map(\.identity)
        #expect(zoneNames.sorted() == (0..<manifests.zones).map(manifests.zoneName), "\(context): zones \(zoneNames)")
        let expected: [ManifestKind: Int] = [
            .provider: manifests.providers, .application: manifests.applications,
            .resource: manifests.resources, .policy: 1, .policySet: 1,
        ]
        for zone in zoneNames {
            for (kind, count) in expected {
                let identities = state.objects(kind, in: zone).map(\.identity)
                #expect(identities.count == count, "\(context): \(identities.count) \(kind) in \(zone)")
                #expect(Set(identities).count == identities.count, "\(context): a \(kind) identity twice in \(zone)")
            }
        }
        try? FileManager.default.removeItem(at: workspace.file("state-\(trial)"))
        func seconds(_ d: Duration) -> String { String(format: "%.1f s", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) }
        let line = "\(context): \(killed.signaled ? "killed" : "finished") with \(Self.progressLines(killed.stderr))/\(manifests.changeCount) changes reported; "
            + "killed after \(seconds(killedAt - trialStart)), recovered in \(seconds(recovered - killedAt)), checked in \(seconds(clock.now - recovered))"
        return (trial, killed.signaled, line)
    }
}
