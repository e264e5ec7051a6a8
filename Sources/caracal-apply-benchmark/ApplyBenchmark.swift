import CaracalRuntime
import CaracalRuntimeEmbedded
import Foundation
import Manifest
import Planner
import Reconciler

/// Times plan, apply, no-op plan and drift against a fresh embedded runtime (SPEC §9).
struct ApplyBenchmark {
    let desired: DesiredState
    let stateDirectory: String

    /// Seconds for each phase, by figure name.
    func run() async throws -> [String: Double] {
        var figures = try await planAndApply()
        let clock = ContinuousClock()
        // The first plan is gone by now, as it is when a user runs the next command.
        let runtime = try EmbeddedRuntime.open(directory: stateDirectory, options: .init(readOnly: true))
        var noop: Plan?
        figures["noop_plan_seconds"] = Self.seconds(try await clock.measure {
            noop = try await PlanBuilder(desired: desired).plan(against: runtime).plan
        })
        if noop?.hasChanges != false { throw BenchmarkError("the plan after apply is not empty") }
        figures["drift_seconds"] = Self.seconds(try await clock.measure {
            _ = DriftReport(plan: try await PlanBuilder(desired: desired).plan(against: runtime).plan).inSync
        })
        try await runtime.close()
        return figures
    }

    /// Plans against an empty state and applies the plan.
    private func planAndApply() async throws -> [String: Double] {
        var figures: [String: Double] = [:]
        let clock = ContinuousClock()
        let runtime = try EmbeddedRuntime.open(directory: stateDirectory)
        var planned: (plan: Plan, live: LiveState)?
        figures["plan_seconds"] = Self.seconds(try await clock.measure {
            planned = try await PlanBuilder(desired: desired).plan(against: runtime)
        })
        guard let planned else { return figures }
        var report: ApplyReport?
        // The generated manifests and earlier runs' files are still being written back; every
        // sync of the apply would wait for the disk to take them as well. Write them now.
        sync()
        figures["apply_seconds"] = Self.seconds(await clock.measure {
            report = await PlanExecutor().apply(planned.plan, desired: desired, live: planned.live, runtime: runtime)
        })
        try await runtime.close()
        if let report, report.hasFailures {
            throw BenchmarkError("apply failed: \(report.outcomes.first { !$0.succeeded }?.line ?? "")")
        }
        figures["applied_changes"] = Double(planned.plan.changes.count)
        return figures
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// A benchmark run that could not measure what it meant to.
struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
