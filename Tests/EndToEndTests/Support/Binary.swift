import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the built `caracal-apply` binary (or another built executable, such as
/// `caracal-apply-remote`) with a clean environment, capturing stdout and stderr into files so
/// that no pipe can fill up.
enum Binary {
    /// What one finished run of the binary produced.
    struct Result: Sendable, CustomStringConvertible {
        let arguments: [String]
        let status: Int32
        /// Whether the process ended by a signal (`status` is then the signal number).
        let signaled: Bool
        let stdoutData: Data
        let stderrData: Data

        var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
        var stderr: String { String(decoding: stderrData, as: UTF8.self) }

        var description: String {
            "caracal-apply \(arguments.joined(separator: " ")) -> \(signaled ? "signal" : "exit") \(status)\n--- stdout ---\n\(stdout.prefix(4000))\n--- stderr ---\n\(stderr.prefix(4000))"
        }
    }

    /// The built executable `name`, next to this test bundle in the build products directory.
    static func executable(_ name: String = "caracal-apply") throws -> URL {
        var directories = [
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        // On macOS the test bundle lives inside `.build/debug/<name>.xctest/Contents/MacOS`.
        directories += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        for directory in directories {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        let searched = directories.map(\.path).joined(separator: ", ")
        Issue.record(Comment(rawValue: "The \(name) binary was not found next to the tests (searched: \(searched)). Run `swift build` first."))
        throw CocoaError(.fileNoSuchFile)
    }

    /// Runs the binary in `directory` (a scratch folder when `nil`) with only `PATH` and
    /// `environment` set and standard input from /dev/null, and waits for it.
    ///
    /// - Parameter executable: The program to run; the built `caracal-apply` when `nil`.
    static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], executable: URL? = nil
    ) throws -> Result {
        let running = try Running(arguments, in: directory, environment: environment, executable: executable)
        return try running.wait()
    }

    /// ``run(_:in:environment:)`` on a Dispatch thread, so a waiting test does not block
    /// Swift's cooperative thread pool.
    static func runAsync(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], executable: URL? = nil
    ) async throws -> Result {
        try await offPool { try run(arguments, in: directory, environment: environment, executable: executable) }
    }

    /// A started run of the binary, for tests that watch, stop or kill it.
    final class Running: Sendable {
        let arguments: [String]
        private let child: ChildProcess
        private let scratch: URL
        let stdoutURL: URL
        let stderrURL: URL

        init(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], executable: URL? = nil) throws {
            self.arguments = arguments
            scratch = FileManager.default.temporaryDirectory.appendingPathComponent("caracal-e2e-run-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            stdoutURL = scratch.appendingPathComponent("stdout")
            stderrURL = scratch.appendingPathComponent("stderr")
            guard FileManager.default.createFile(atPath: stdoutURL.path, contents: nil),
                  FileManager.default.createFile(atPath: stderrURL.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown)
            }
            child = try ChildProcess(
                executable: try (executable ?? Binary.executable()).path, arguments: arguments,
                environment: ["PATH": "/usr/bin:/bin"].merging(environment) { $1 },
                directory: (directory ?? scratch).path, stdout: .file(stdoutURL.path), stderr: .file(stderrURL.path))
        }

        deinit {
            if child.isRunning { child.send(SIGKILL) }
            try? FileManager.default.removeItem(at: scratch)
        }

        var pid: Int32 { child.pid }
        var isRunning: Bool { child.isRunning }

        /// Sends `signal` to the process.
        func send(_ signal: Int32) {
            child.send(signal)
        }

        /// What the process has written to stderr so far.
        func stderrSoFar() -> String {
            String(decoding: (try? Data(contentsOf: stderrURL)) ?? Data(), as: UTF8.self)
        }

        /// Waits for the process to end and returns what it wrote.
        func wait() throws -> Result {
            let termination = child.wait()
            return Result(
                arguments: arguments,
                status: termination.status,
                signaled: termination.signaled,
                stdoutData: try Data(contentsOf: stdoutURL),
                stderrData: try Data(contentsOf: stderrURL))
        }

        func waitAsync() async throws -> Result {
            try await offPool { try self.wait() }
        }
    }
}

/// Runs blocking `work` on a Dispatch thread and awaits it.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try work() })
        }
    }
}

/// Polls `condition` until it holds or `seconds` pass; returns whether it held. Waits on a
/// condition, never for a fixed time.
func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + .milliseconds(Int(seconds * 1000))
    while clock.now < deadline {
        if condition() { return true }
        usleep(1_000)
    }
    return condition()
}
