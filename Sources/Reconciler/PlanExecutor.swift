import CaracalRuntime
import Foundation
import Manifest
import Planner

/// Executes a ``Plan`` against a runtime (SPEC §5).
///
/// Changes run wave by wave in dependency order (deletions first, in reverse), with up to
/// ``parallelism`` changes of a wave at once. A failure does not stop independent changes;
/// changes that depend on a failed one are skipped. Writes that fail ambiguously (a timeout, a
/// dropped connection) are read back by identity before they are retried, so nothing is
/// created twice. Policy sets get a new version, pass the test gate, are activated, and are
/// waited for until their propagation status is `loaded`.
public struct PlanExecutor: Sendable {
    /// The most changes of one wave in flight at once.
    public var parallelism: Int
    /// Whether to wait for activations to load.
    public var waitForActivation: Bool
    /// How long to wait for one activation to load.
    public var activationTimeout: Duration
    /// Called as each change finishes, for progress output.
    public var onOutcome: @Sendable (ChangeOutcome) -> Void
    /// Checks a policy-set version before it is activated; `nil` activates without checking.
    public var gate: (@Sendable (ActivationCandidate) async -> GateDecision)?

    public init(
        parallelism: Int = 4, waitForActivation: Bool = true, activationTimeout: Duration = .seconds(120),
        onOutcome: @escaping @Sendable (ChangeOutcome) -> Void = { _ in },
        gate: (@Sendable (ActivationCandidate) async -> GateDecision)? = nil
    ) {
        self.parallelism = max(1, parallelism)
        self.waitForActivation = waitForActivation
        self.activationTimeout = activationTimeout
        self.onOutcome = onOutcome
        self.gate = gate
    }

    /// Applies `plan`, made from `desired` against `live`, to `runtime`.
    public func apply(_ plan: Plan, desired: DesiredState, live: LiveState, runtime: some Runtime) async -> ApplyReport {
        var state = ReconcileState(desired: desired, live: live)
        var outcomes: [ChangeOutcome] = []
        let waves = Dictionary(grouping: plan.changes, by: \.wave).sorted { $0.key < $1.key }.map(\.value)
        for wave in waves {
            let snapshot = state
            let results = await run(wave, state: snapshot, desired: desired, runtime: runtime)
            for (outcome, versionID) in results {
                state.record(outcome, versionID: versionID)
                outcomes.append(outcome)
            }
        }
        return ApplyReport(outcomes: outcomes)
    }

    /// Runs `wave` on up to ``parallelism`` workers, each taking the next change as it comes
    /// free, and returns the outcomes in the wave's order.
    ///
    /// Workers rather than a task per change: a change then costs no task of its own and no
    /// round trip through the group's owner, which in a bulk apply is most of what a write
    /// costs besides the write itself.
    private func run(_ wave: [PlanChange], state: ReconcileState, desired: DesiredState, runtime: some Runtime) async -> [(ChangeOutcome, String?)] {
        let queue = WorkQueue(count: wave.count)
        return await withTaskGroup(of: [(Int, ChangeOutcome, String?)].self) { group in
            for _ in 0..<min(wave.count, parallelism) {
                group.addTask {
                    var finished: [(Int, ChangeOutcome, String?)] = []
                    while let index = queue.take() {
                        let step = ChangeStep(change: wave[index], state: state, desired: desired, executor: self)
                        let (outcome, version) = await step.run(runtime)
                        onOutcome(outcome)
                        finished.append((index, outcome, version))
                    }
                    return finished
                }
            }
            var results = [(ChangeOutcome, String?)?](repeating: nil, count: wave.count)
            for await finished in group {
                for (index, outcome, version) in finished { results[index] = (outcome, version) }
            }
            return results.compactMap { $0 }
        }
    }
}
