import CaracalRuntimeEmbedded
import Foundation
import Manifest
import Synchronization

/// Decision figures (SPEC §9): throughput on one thread without a trace, the time of one
/// decision with its trace, and a replay of JSON Lines through the built `caracal-apply`.
///
/// The zone has `grants` resources owned by `applications` applications; the inputs mix mint
/// requests, presented mandates, bootstraps and workload injections, allowed and denied.
struct DecisionBenchmark {
    var grants = 1_000
    var applications = 100
    /// Lines in the replayed file.
    var replayLines = 100_000
    var runs = 5

    /// The figures, by name.
    func measure() throws -> [String: Double] {
        let engine = DecisionEngine(bundle: PolicyBundle(rules: rules))
        let inputs = (0..<4_096).map(input)
        let requests = inputs.map(DecisionRequest.init)
        var figures: [String: Double] = ["decision_grants": Double(grants)]

        let decisions = 1_000_000
        figures["decisions_per_second"] = Double(decisions) / median(runs) {
            var allowed = 0
            for index in 0..<decisions where engine.decide(requests[index & 4_095]).verdict == .allow { allowed += 1 }
            blackHole(allowed)
        }
        let traced = 20_000
        figures["traced_decision_microseconds"] = median(runs) {
            var facts = 0
            for index in 0..<traced { facts += engine.decide(requests[index & 4_095], explain: true).trace?.facts.count ?? 0 }
            blackHole(facts)
        } / Double(traced) * 1e6

        // The replay's decoding and deciding on one thread, in process: how much a line costs.
        let lines = (0..<replayLines).map { index -> [UInt8] in
            var line: [UInt8] = []
            JSONWriter.writeCompact(input(index), into: &line)
            line.append(UInt8(ascii: "\n"))
            return line
        }.flatMap { $0 }
        let replayer = DecisionReplay(engine: engine, threads: 1)
        figures["replay_line_microseconds"] = median(runs) {
            let written = Mutex(0)
            let failure = lines.withUnsafeBytes { text in
                replayer.run(text, render: { Array(JSONWriter.compact($0.resultValue).utf8) }, write: { bytes in written.withLock { $0 += bytes.count } })
            }
            blackHole((failure?.line, written.withLock { $0 }))
        } / Double(replayLines) * 1e6

        let replay = try measureReplay()
        figures["replay_seconds"] = replay
        figures["replay_decisions_per_second"] = Double(replayLines) / replay
        return figures
    }

    /// Median seconds of `runs` runs of `body`.
    private func median(_ runs: Int, _ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let samples = (0..<runs).map { _ in seconds(clock.measure(body)) }.sorted()
        return samples[samples.count / 2]
    }

    /// Median wall-clock seconds of `caracal-apply decide --policy-file --input --format json`,
    /// the whole process, on a generated file.
    private func measureReplay() throws -> Double {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("caracal-bench-decide-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (policy, inputFile) = try writeReplayFiles(to: directory)
        let output = directory.appendingPathComponent("out.jsonl")

        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
            .deletingLastPathComponent().appendingPathComponent("caracal-apply")
        var samples: [Double] = []
        for _ in 0..<runs {
            let run = try SpawnedRun.time(
                binary.path, ["decide", "--policy-file", policy.path, "--input", inputFile.path, "--format", "json"], output: output.path)
            guard run.status == 0 else { throw BenchmarkFailure("caracal-apply decide exited with \(run.status)") }
            samples.append(run.seconds)
        }
        return samples.sorted()[samples.count / 2]
    }

    /// Writes the zone's data document (`grants.rego`) and the replayed inputs (`inputs.jsonl`)
    /// into `directory`, creating it when needed.
    func writeReplayFiles(to directory: URL) throws -> (policy: URL, inputs: URL) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let policy = directory.appendingPathComponent("grants.rego")
        let inputFile = directory.appendingPathComponent("inputs.jsonl")
        var text = "# caracal:data-document\npackage caracal.authz\n\n"
        for name in rules.keys.sorted() { text += "\(name) := \(JSONWriter.compact(rules[name]!))\n\n" }
        try Data(text.utf8).write(to: policy)
        var lines: [UInt8] = []
        for index in 0..<replayLines {
            JSONWriter.writeCompact(input(index), into: &lines)
            lines.append(UInt8(ascii: "\n"))
        }
        try Data(lines).write(to: inputFile)
        // On disk before the replay is timed, so that writing them back does not run beside it.
        for file in [policy, inputFile] { try FileHandle(forUpdating: file).synchronize() }
        return (policy, inputFile)
    }

    private var rules: [String: RegoValue] {
        var appIDs: [String: RegoValue] = [:]
        for application in 0..<applications { appIDs["app\(application)"] = .string(Self.applicationID(application)) }
        var grantsByResource: [String: RegoValue] = [:]
        for resource in 0..<grants {
            grantsByResource["resource://r\(resource)"] = .object([
                "application": .string("app\(resource % applications)"),
                "roles": .object([
                    "reader": .array([.string("r\(resource):read")]),
                    "admin": .array(["read", "write", "refund"].map { .string("r\(resource):\($0)") }),
                ]),
            ])
        }
        return [
            "app_ids": .object(appIDs),
            "grants": .object(grantsByResource),
            "risk": .array([.object(["scope": .string("r1:refund"), "tier": .string("high")])]),
            "approval_tiers": .array([.object(["tier": .string("high"), "approver": .string("operator"), "ttl_seconds": .int(900)])]),
        ]
    }

    private static func applicationID(_ application: Int) -> String {
        "0192f0a1-\(String(format: "%04d", application))-7d2a-9a3b-5f1e2d3c4b5a"
    }

    /// The `index`-th input: a spread of kinds, owners, labels and scopes, about 450 bytes of JSON.
    private func input(_ index: Int) -> RegoValue {
        var mix = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15
        mix ^= mix >> 29
        func pick(_ count: Int) -> Int {
            mix = mix &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((mix >> 33) % UInt64(count))
        }
        let resource = pick(grants)
        let owner = pick(10) == 0 ? pick(applications) : resource % applications
        let scopes = [["read"], ["write"], ["read", "refund"]][pick(3)].map { RegoValue.string("r\(resource):\($0)") }
        let labels: RegoValue = .array([["reader"], ["admin"], ["reader", "tenant-a"], []][pick(4)].map(RegoValue.string))
        var principal: [String: RegoValue] = ["type": .string("Application"), "id": .string(Self.applicationID(owner)), "zone_id": .string("z-1"), "labels": labels]
        var action: RegoValue = .object(["id": .string("TokenExchange")])
        var context: [String: RegoValue] = ["actor_claims": .object([:]), "challenge_resolved": .bool(false)]
        var members: [String: RegoValue] = [
            "schema_version": .string("2026-05-20"),
            "resource": .object(["type": .string("Resource"), "id": .string("res-\(resource)"), "identifier": .string("resource://r\(resource)"),
                                 "scopes": .array([.string("r\(resource):read"), .string("r\(resource):write")])]),
            "session": .null,
        ]
        switch pick(10) {
        case 0..<6:
            members["delegation_edge"] = .object(["id": .string("edge-\(index)"), "scopes": .array(["read", "write", "refund"].map { .string("r\(resource):\($0)") })])
            context["requested_scopes"] = .array(scopes)
            context["agent_session_id"] = .string("as-\(index)")
        case 6..<8:
            context["requested_scopes"] = .array([])
            context["subject_claims"] = .object([
                "delegation_edge_id": .string("edge-\(index)"),
                "scope": .string(scopes.compactMap(\.stringValue).joined(separator: " ")),
                "target": .array([.string("resource://r\(pick(3) == 0 ? resource + 1 : resource)")]),
            ])
        case 8:
            context["requested_scopes"] = .array([.string("agent:lifecycle")])
        default:
            principal["type"] = .string("Workload")
            action = .object(["id": .string("CredentialInjection")])
            context["requested_scopes"] = .array(scopes)
        }
        members["principal"] = .object(principal)
        members["action"] = action
        members["context"] = .object(context)
        return .object(members)
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// Keeps a result alive so the optimizer cannot drop the work that made it.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// A benchmark step that could not run.
struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
