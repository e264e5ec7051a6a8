import CaracalRuntimeEmbedded
import Manifest

/// `caracal-apply test`: runs every policy set's tests against the manifests.
public struct TestCommand: Command {
    public init() {}

    public var name: String { "test" }
    public var abstract: String { "Run the policy sets' tests; no runtime needed." }
    public var discussion: String {
        """
        Each test's request (or raw input) is decided against the policies its set
        declares, exactly as Caracal's engine would. Applications that do not exist
        yet get stable placeholder ids, the same in app_ids and in the requests, so
        the answers match what the tests will get after apply. A failure prints
        what was expected, what was decided, and the decision's trace. Exits 3 when
        any test fails.
        """
    }
    public var globalOptions: [GlobalOption] { [.file, .variables, .format, .noColor, .verbose] }
    public var formats: [OutputFormat] { [.text, .json, .junit] }

    public func run(_ context: CommandContext) async throws(CommandFailure) -> ExitCode {
        let (loaded, _) = try ManifestInputs(context: context).loadValid()
        let report = TestReport(results: DesiredStateTests(desired: loaded.desired).run())
        switch context.global.format {
        case .json: context.io.writeOut(JSONWriter.pretty(report.json()) + "\n")
        case .junit: context.io.writeOut(report.junit())
        default: context.io.writeOut(report.text(colorizer: context.stdoutColor))
        }
        return report.failed.isEmpty ? .success : .testsFailed
    }
}

/// Runs the tests of every policy set in the desired state.
struct DesiredStateTests {
    let desired: DesiredState

    /// Every set's results, sets in address order; `ids` picks the ids each zone's tests use.
    func run(only sets: Set<ObjectAddress>? = nil, ids: (String) -> PolicyTestRunner.IDs = PolicyTestRunner.IDs.placeholders) -> [PolicyTestResult] {
        let runner = PolicyTestRunner()
        var results: [PolicyTestResult] = []
        for object in desired.objects where object.kind == .policySet && (sets?.contains(object.address) ?? true) {
            guard case .policySet(let set) = object.spec, !set.tests.isEmpty else { continue }
            let zoneIDs = ids(object.zone)
            do {
                let bundle = try runner.bundle(for: object.address, in: desired, ids: zoneIDs)
                results += runner.run(set.tests, of: object.address, bundle: bundle, ids: zoneIDs)
            } catch {
                // Validation reports bundle conflicts; here they fail every test of the set.
                results += runner.run(set.tests, of: object.address, bundle: .empty, ids: zoneIDs).map { result in
                    var failed = result
                    failed.mismatches = ["the set's bundle is invalid: \(error)"]
                    return failed
                }
            }
        }
        return results
    }
}
