import Foundation
@testable import Manifest

/// Drives mutated inputs through a pipeline and records every broken promise.
///
/// The pipeline is the `check` closure: it gets the input bytes and returns its diagnostics.
/// A crash ends the test process and so fails the run by itself; everything else is recorded:
/// an input that takes longer than the time limit, and an error diagnostic without a location
/// in the given file at line ≥ 1, column ≥ 1.
enum FuzzHarness {
    /// One input that broke a promise, with what it takes to rebuild it.
    struct Failure: CustomStringConvertible {
        var inputNumber: Int
        var byteCount: Int
        var problem: String

        var description: String { "input \(inputNumber) (\(byteCount) bytes): \(problem)" }
    }

    /// What a run saw.
    struct Report: CustomStringConvertible {
        var inputs = 0
        var failures: [Failure] = []
        /// How many inputs gave no error at all.
        var cleanInputs = 0
        /// How many times each diagnostic code was reported.
        var codes: [String: Int] = [:]
        var slowest: Duration = .zero
        /// Time spent in `check`, all inputs together.
        var checkTime: Duration = .zero

        var description: String {
            let listed = failures.prefix(10).map { "  \($0)" }.joined(separator: "\n")
            return "\(inputs) inputs, \(failures.count) failures, slowest \(slowest), checks took \(checkTime):\n\(listed)"
        }
    }

    /// Runs `iterations` inputs from `mutator` through `check`.
    ///
    /// - Parameters:
    ///   - iterations: How many inputs to try.
    ///   - mutator: Where inputs come from; input `n` is `mutator.input(number: n)`.
    ///   - file: The file name the pipeline was given; every error must be located in it.
    ///   - timeLimit: The most CPU time one input may take (a hang guard, not a benchmark).
    ///   - check: The pipeline under test.
    static func run(
        iterations: Int,
        mutator: ManifestMutator,
        file: String,
        timeLimit: Duration = .seconds(1),
        check: ([UInt8]) -> [Diagnostic]
    ) -> Report {
        var report = Report()
        for number in 0..<iterations {
            let input = mutator.input(number: number)
            var diagnostics: [Diagnostic] = []
            // CPU time of this thread, so a busy machine cannot make a fast input look hung.
            let start = threadCPUTime()
            diagnostics = check(input)
            let elapsed = threadCPUTime() - start
            report.inputs += 1
            report.slowest = max(report.slowest, elapsed)
            report.checkTime += elapsed
            if elapsed > timeLimit {
                report.failures.append(Failure(inputNumber: number, byteCount: input.count, problem: "took \(elapsed), over \(timeLimit)"))
            }
            var clean = true
            for diagnostic in diagnostics {
                report.codes[diagnostic.code, default: 0] += 1
                guard diagnostic.severity == .error else { continue }
                clean = false
                if let problem = locationProblem(diagnostic.location, file: file) {
                    report.failures.append(Failure(inputNumber: number, byteCount: input.count, problem: "\(problem): \(diagnostic.message)"))
                }
            }
            if clean { report.cleanInputs += 1 }
        }
        return report
    }

    private static func locationProblem(_ location: SourceLocation?, file: String) -> String? {
        guard let location else { return "error without a location" }
        if location.file != file { return "error located in '\(location.file)', not '\(file)'" }
        if location.line < 1 || location.column < 1 { return "error at \(location.line):\(location.column)" }
        return nil
    }
}

/// The CPU time the calling thread has used so far.
private func threadCPUTime() -> Duration {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
}
