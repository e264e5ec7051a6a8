import Foundation
import Manifest

/// Runs the benchmark phases for one or more sizes and prints a table and JSON.
struct Benchmark {
    var sizes: [Int] = [1_000, 10_000]
    var runs = 3
    var json = false
    /// Set when this process is a child measuring one size.
    var childSize: Int?
    /// Only the decision figures, no manifest sizes.
    var decisionsOnly = false
    /// Only write the generated manifests of the first size into this folder (for profiling).
    var generateInto: String?
    /// Only write the replay's policy and JSON Lines into this folder (for profiling `decide`).
    var generateDecisionsInto: String?

    init(arguments: [String]) {
        var index = 0
        var explicitSizes: [Int] = []
        while index < arguments.count {
            let argument = arguments[index]
            let value = index + 1 < arguments.count ? arguments[index + 1] : ""
            switch argument {
            case "--objects": explicitSizes += value.split(separator: ",").compactMap { Int($0) }; index += 1
            case "--runs": runs = max(1, Int(value) ?? 3); index += 1
            case "--json": json = true
            case "--decisions": decisionsOnly = true
            case "--child": childSize = Int(value); index += 1
            case "--generate": generateInto = value; index += 1
            case "--generate-decisions": generateDecisionsInto = value; index += 1
            default: break
            }
            index += 1
        }
        if !explicitSizes.isEmpty { sizes = explicitSizes }
    }

    func run() -> Int32 {
        if let childSize { return measureChild(size: childSize) }
        if let generateInto {
            guard let written = try? SyntheticManifests(objects: sizes[0]).write(to: URL(fileURLWithPath: generateInto)) else { return 1 }
            print("Wrote \(written.files.count) files (\(written.bytes) bytes) to \(generateInto); they read $BENCH_API_KEY.")
            return 0
        }
        if let generateDecisionsInto {
            guard let files = try? DecisionBenchmark().writeReplayFiles(to: URL(fileURLWithPath: generateDecisionsInto)) else { return 1 }
            print("Wrote \(files.policy.path) and \(files.inputs.path).")
            return 0
        }
        // The sizes take turns, run by run, so that a change in the machine's speed during the
        // benchmark (common on shared machines) falls on every size alike, not on one.
        var samples: [Int: [[String: Double]]] = [:]
        for _ in 0..<(decisionsOnly ? 0 : runs) {
            for size in sizes {
                guard let sample = spawnChild(size: size) else {
                    FileHandle.standardError.write(Data("benchmark: the run for \(size) objects failed\n".utf8))
                    return 1
                }
                samples[size, default: []].append(sample)
            }
        }
        var results: [[String: Any]] = []
        for size in sizes {
            guard let sizeSamples = samples[size] else { continue }
            var row: [String: Any] = ["objects": size, "runs": runs]
            for key in Set(sizeSamples.flatMap(\.keys)).sorted() {
                row[key] = median(sizeSamples.compactMap { $0[key] })
            }
            results.append(row)
        }
        let ratios = Self.ratios(results)
        if !results.isEmpty { printTable(results + ratios) }
        let decisions: [String: Double]
        do {
            decisions = try DecisionBenchmark(runs: max(3, runs)).measure()
        } catch {
            FileHandle.standardError.write(Data("benchmark: the decision figures failed: \(error)\n".utf8))
            return 1
        }
        printDecisions(decisions)
        if json, let data = try? JSONSerialization.data(withJSONObject: ["results": results, "ratios": ratios, "decisions": decisions], options: [.prettyPrinted, .sortedKeys]) {
            print(String(decoding: data, as: UTF8.self))
        }
        return 0
    }

    private func spawnChild(size: Int) -> [String: Double]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        process.arguments = ["--child", String(size)]
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Double] else { return nil }
        return object
    }

    /// Measures every phase for one size and prints one JSON object of seconds and megabytes.
    private func measureChild(size: Int) -> Int32 {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("caracal-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let generated = try SyntheticManifests(objects: size).write(to: directory.appendingPathComponent("manifests"))
            var figures: [String: Double] = ["yaml_megabytes": Double(generated.bytes) / 1_048_576]
            let clock = ContinuousClock()
            let loader = ManifestLoader(scope: VariableScope(environment: SyntheticManifests.environment))
            var loaded: ManifestLoadResult?
            let contents = generated.files.compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
            figures["yaml_parse_seconds"] = seconds(clock.measure {
                for (file, bytes) in zip(generated.files, contents) { _ = YAMLLoader.load(bytes, file: file) }
            })
            figures["load_validate_seconds"] = seconds(clock.measure { loaded = loader.load(files: generated.files) })
            guard let loaded, !loaded.hasErrors else {
                FileHandle.standardError.write(Data("benchmark: generated manifests did not validate: \(loaded?.diagnostics.first?.description ?? "")\n".utf8))
                return 1
            }
            figures["declared_objects"] = Double(loaded.desired.objects.count)
            let state = directory.appendingPathComponent("state").path
            let phases = try awaitResult {
                try await ApplyBenchmark(desired: loaded.desired, stateDirectory: state).run()
            }
            figures.merge(phases) { _, new in new }
            figures["peak_megabytes"] = PeakMemory.megabytes
            let served = try awaitResult {
                try await ServeBenchmark(desired: loaded.desired).run(appliedState: state, emptyState: directory.appendingPathComponent("empty").path)
            }
            figures.merge(served) { _, new in new }
            let data = try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return 0
        } catch {
            FileHandle.standardError.write(Data("benchmark: \(error)\n".utf8))
            return 1
        }
    }

    /// For each size after the first, each time's median divided by the previous size's
    /// (SPEC §9 bounds the 100,000-object figures at 12× the 10,000-object ones).
    static func ratios(_ results: [[String: Any]]) -> [[String: Any]] {
        zip(results, results.dropFirst()).compactMap { smaller, larger in
            guard let from = smaller["objects"] as? Int, let to = larger["objects"] as? Int else { return nil }
            var ratio: [String: Any] = ["objects": "\(to)/\(from)"]
            for (key, value) in larger where key.hasSuffix("_seconds") {
                if let value = value as? Double, let base = smaller[key] as? Double, base > 0 { ratio[key] = value / base }
            }
            return ratio
        }
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    private func printDecisions(_ figures: [String: Double]) {
        print("decisions (zone of \(Int(figures["decision_grants"] ?? 0)) grants; median of \(max(3, runs)) runs)")
        for name in figures.keys.sorted() where name != "decision_grants" {
            print("  " + name.padding(toLength: 32, withPad: " ", startingAt: 0) + String(format: "%.3f", figures[name]!))
        }
    }

    private func printTable(_ results: [[String: Any]]) {
        let columns = Set(results.flatMap(\.keys)).subtracting(["objects", "runs"]).sorted()
        print("objects".padding(toLength: 14, withPad: " ", startingAt: 0) + columns.map { $0.padding(toLength: 26, withPad: " ", startingAt: 0) }.joined())
        for row in results {
            var line = "\(row["objects"] ?? "")".padding(toLength: 14, withPad: " ", startingAt: 0)
            for column in columns {
                let value = (row[column] as? Double).map { String(format: "%.3f", $0) } ?? "-"
                line += value.padding(toLength: 26, withPad: " ", startingAt: 0)
            }
            print(line)
        }
        print("(median of \(runs) run\(runs == 1 ? "" : "s") per size, the sizes taking turns; seconds and megabytes;")
        print(" a row \"B/A\" divides each time at B objects by the time at A)")
    }
}

/// Runs async work from the benchmark's synchronous child mode and waits for it.
private func awaitResult<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

/// Carries a detached task's result back to the waiting thread (written once, before the signal).
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    var result: Result<T, Error>?
}
