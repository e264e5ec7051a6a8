import CaracalRuntime
import Manifest
import Planner
import Reconciler

/// Plans and applies against an opened runtime, for apply and destroy, and always closes it.
struct Execution {
    let context: CommandContext
    let settings: ApplyOptions
    let opened: OpenRuntime

    /// Plans, shows the plan, asks for confirmation where needed, and applies.
    func planAndApply(_ desired: DesiredState, mode: PlanBuilder.Mode, targets: [ObjectAddress], verb: String) async throws(CommandFailure) -> ExitCode {
        try await closing { () async throws(CommandFailure) -> ExitCode in
            let (plan, live) = try await Planning.plan(desired, mode: mode, targets: targets, runtime: opened.runtime)
            context.io.writeOut(PlanRenderer(colored: context.stdoutColor.isEnabled).text(plan))
            guard plan.hasChanges else { return .success }
            if !settings.autoApprove {
                context.io.writeErr("\nDo you want to \(verb) these changes? Only 'yes' is accepted: ")
                guard context.io.readLine()?.trimmingWhitespace == "yes" else {
                    context.printErr("Nothing was changed.")
                    return .failure
                }
            }
            return await execute(plan, desired: desired, live: live)
        }
    }

    /// Applies a saved plan after checking it is not stale.
    func applySaved(_ saved: PlanFile, path: String, desired: DesiredState) async throws(CommandFailure) -> ExitCode {
        try await closing { () async throws(CommandFailure) -> ExitCode in
            let (plan, live) = try await Planning.plan(desired, mode: .apply, targets: saved.inputs.targets, runtime: opened.runtime)
            if let reason = saved.staleness(of: plan) {
                throw .failed("The plan in '\(path)' is stale: \(reason). Nothing was changed; make a new plan with 'caracal-apply plan --out \(path)'.")
            }
            guard plan.hasChanges else {
                context.printOut(plan.summaryLine)
                return .success
            }
            return await execute(plan, desired: desired, live: live)
        }
    }

    private func execute(_ plan: Plan, desired: DesiredState, live: LiveState) async -> ExitCode {
        let progress = ApplyProgress(total: plan.changes.count, io: context.io)
        let gate = ActivationGate(desired: desired, runtime: opened.runtime, simulates: opened.isRemote, io: context.io)
        let executor = PlanExecutor(
            parallelism: settings.parallelism, waitForActivation: settings.waitForActivation,
            activationTimeout: settings.activationTimeout, onOutcome: { progress.record($0) },
            gate: { await gate.check($0) })
        let report = await executor.apply(plan, desired: desired, live: live, runtime: opened.runtime)
        progress.finish()
        for outcome in report.outcomes {
            for note in outcome.notes { context.printErr("note: \(outcome.change.address): \(note)") }
        }
        context.printOut("\n" + report.summaryLine)
        if report.hasFailures { return .failure }
        return report.testsBlocked ? .testsFailed : .success
    }

    /// Runs `work` and closes the runtime whatever happens; a failure to close after success
    /// is reported.
    private func closing(_ work: () async throws(CommandFailure) -> ExitCode) async throws(CommandFailure) -> ExitCode {
        let status: ExitCode
        do {
            status = try await work()
        } catch {
            try? await opened.close()
            throw error
        }
        try await opened.close()
        return status
    }
}
