import Foundation
import Manifest
import Planner

/// `caracal-apply plan`: shows what apply would change, without changing anything.
public struct PlanCommand: Command {
    public init() {}

    public var name: String { "plan" }
    public var abstract: String { "Show what apply would change; changes nothing." }
    public var discussion: String {
        """
        Reads the live state of every declared zone and compares it with the
        manifests. Text output starts with a summary line and lists deletions
        first; --format markdown is ready for a pull-request comment, and
        --format json is the same document --out saves for 'apply PLANFILE'.
        With --detailed-exitcode, exits 2 when there are changes.
        """
    }
    public var globalOptions: [GlobalOption] { [.file, .runtime, .variables, .format, .noColor, .verbose] }
    public var formats: [OutputFormat] { [.text, .json, .markdown] }
    public var options: [OptionDeclaration] {
        [
            .value("out", placeholder: "FILE", help: "Save the plan to FILE, for 'caracal-apply apply FILE'."),
            .flag("detailed-exitcode", help: "Exit 2 when the plan has changes, 0 when it has none."),
            .value("target", placeholder: "ADDR", repeatable: true, help: "Plan only this object (KIND/ZONE/NAME) and what it depends on."),
        ]
    }

    public func run(_ context: CommandContext) async throws(CommandFailure) -> ExitCode {
        let inputs = ManifestInputs(context: context)
        let (loaded, variables) = try inputs.loadValid()
        let targets = try Planning.targets(context, desired: loaded.desired)
        let opened = try RuntimeAccess(context: context).open(forWriting: false)
        let (plan, live) = try await Planning.plan(loaded.desired, mode: .apply, targets: targets, runtime: opened.runtime)
        try await opened.close()
        let tests = TestReport(results: PlanTests(plan: plan, live: live, desired: loaded.desired).run())
        let document = PlanDocument.json(
            plan, inputs: PlanInputs(files: loaded.files, variables: variables, targets: targets),
            tests: tests.results.map(TestReport.json))
        switch context.global.format {
        case .json: context.io.writeOut(JSONWriter.pretty(document) + "\n")
        case .markdown: context.io.writeOut(PlanRenderer().markdown(plan) + tests.markdown())
        default: context.io.writeOut(PlanRenderer(colored: context.stdoutColor.isEnabled).text(plan) + tests.planText(colorizer: context.stdoutColor))
        }
        if let out = context.arguments.value("out") {
            try PlanFileWriter(context: context).write(JSONWriter.pretty(document) + "\n", to: out)
            context.printErr("Saved the plan to \(out); apply it with 'caracal-apply apply \(out)'.")
        }
        return context.arguments.flag("detailed-exitcode") && plan.hasChanges ? .changesPresent : .success
    }
}

/// Writes a plan file atomically: a temporary file beside it, then a rename.
struct PlanFileWriter {
    let context: CommandContext

    func write(_ text: String, to path: String) throws(CommandFailure) {
        let absolute = context.absolutePath(path)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: absolute), options: .atomic)
        } catch {
            throw .failed("Could not write the plan file '\(path)': \(error.localizedDescription)")
        }
    }
}
