import CaracalRuntime
import CaracalRuntimeEmbedded
import Manifest
import Reconciler

/// Runs a policy set's tests against exactly the version apply just created, before it is
/// activated (SPEC §5): the version's own policy contents, and the live ids of the zone's
/// applications and resources.
struct ActivationGate: Sendable {
    let desired: DesiredState
    let runtime: any Runtime
    /// Whether to also run every test through the runtime's simulate of the new version (a
    /// Caracal deployment's own engine) before activating it.
    let simulates: Bool
    let io: TerminalIO

    func check(_ candidate: ActivationCandidate) async -> GateDecision {
        guard case .policySet(let set)? = desired.object(at: candidate.address)?.spec, !set.tests.isEmpty else { return .proceed }
        var documents: [PolicyBundle.Document] = []
        for (name, content) in zip(set.policies, candidate.policyContents) {
            let parsed = RegoDataDocumentParser.parse(content, file: "\(candidate.address.zone)/\(name)")
            guard let document = parsed.document else {
                return .block(reason: "policy '\(name)' in the new version cannot be read: \(parsed.diagnostics.first?.message ?? "unknown error")")
            }
            documents.append(PolicyBundle.Document(policy: name, rules: document.values))
        }
        let ids: PolicyTestRunner.IDs
        do {
            ids = try await liveIDs(zone: candidate.address.zone, zoneID: candidate.zoneID)
        } catch {
            return .block(reason: "the zone's ids could not be read to run the tests: \(error)")
        }
        let results: [PolicyTestResult]
        do {
            let bundle = try PolicyBundle(documents: documents, policySetVersionID: candidate.versionID)
            results = PolicyTestRunner().run(set.tests, of: candidate.address, bundle: bundle, ids: ids)
        } catch {
            return .block(reason: "the new version's bundle is invalid: \(error)")
        }
        let failed = results.filter { !$0.passed }
        guard failed.isEmpty else {
            io.writeErr(TestReport(results: failed).text(colorizer: .plain))
            let names = failed.map { "'\($0.test.name)'" }.joined(separator: ", ")
            return .block(reason: "\(failed.count) of \(results.count) tests failed (\(names)), so the previous version stays active")
        }
        return simulates ? await simulate(set.tests, candidate, ids: ids) : .proceed
    }

    /// Runs each test through the runtime's simulate of the candidate version; blocks on the
    /// first whose decision differs from the expected one.
    private func simulate(_ tests: [PolicyTest], _ candidate: ActivationCandidate, ids: PolicyTestRunner.IDs) async -> GateDecision {
        for test in tests {
            let input = PolicyTestRunner().input(for: test, ids: ids)
            let decision: String?
            do {
                let simulated = try await runtime.simulate(zoneID: candidate.zoneID, policySetID: candidate.policySetID, versionID: candidate.versionID, input: input)
                decision = simulated["result"]?["decision"]?.stringValue
            } catch {
                return .block(reason: "the runtime's simulate of the new version failed for test '\(test.name)': \(error)")
            }
            guard decision == test.expect.decision.rawValue else {
                return .block(reason: "the runtime's simulate of the new version decides \(decision ?? "nothing") for test '\(test.name)', expected \(test.expect.decision.rawValue), so the previous version stays active")
            }
        }
        return .proceed
    }

    /// The live ids of the zone's applications and resources, for test requests.
    private func liveIDs(zone: String, zoneID: String) async throws(RuntimeError) -> PolicyTestRunner.IDs {
        let applications = try await runtime.list(.application, zoneID: zoneID)
        let resources = try await runtime.list(.resource, zoneID: zoneID)
        return .live(zone: zone, zoneID: zoneID, applications: applications, resources: resources)
    }
}
