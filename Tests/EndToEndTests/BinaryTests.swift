import Foundation
import Testing

/// Runs the built `caracal-apply` binary and checks its stdout, stderr and exit status.
struct BinaryTests {
    /// What one run of the binary produced.
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The built executable, next to this test bundle in the build products directory.
    static func executable() throws -> URL {
        var directories = [
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        // On macOS the test bundle lives inside `.build/debug/<name>.xctest/Contents/MacOS`.
        directories += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        for directory in directories {
            let candidate = directory.appendingPathComponent("caracal-apply")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        let searched = directories.map(\.path).joined(separator: ", ")
        Issue.record(Comment(rawValue: "The caracal-apply binary was not found next to the tests (searched: \(searched)). Run `swift build` first."))
        throw CocoaError(.fileNoSuchFile)
    }

    /// Runs the binary in `directory` with a clean environment; output goes to files, so no pipe can fill up.
    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("caracal-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              FileManager.default.createFile(atPath: errURL.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? scratch
        process.environment = ["PATH": "/usr/bin:/bin"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(
            status: process.terminationStatus,
            stdout: try String(contentsOf: outURL, encoding: .utf8),
            stderr: try String(contentsOf: errURL, encoding: .utf8)
        )
    }

    @Test func versionPrintsNameAndVersion() throws {
        let result = try Self.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("caracal-apply "))
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(result.stderr.isEmpty)
    }

    @Test func helpGoesToStdout() throws {
        let result = try Self.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("OVERVIEW: "))
        #expect(result.stdout.contains("USAGE: caracal-apply <command> [options]"))
        #expect(result.stdout.contains("  validate "))
        #expect(result.stderr.isEmpty)
    }

    @Test func usageErrorPrintsThreeLinesOnStderr() throws {
        let result = try Self.run(["validate", "--fiel", "prod.yaml"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines.last == "")
        #expect(lines.first == "Error: Unknown option '--fiel'. Did you mean '--file'?")
        #expect(lines.dropFirst().first?.hasPrefix("Usage: caracal-apply validate ") == true)
        #expect(lines.dropFirst(2).first == "See 'caracal-apply validate --help' for more information.")
    }

    @Test func validateMissingFileExitsSixtySix() throws {
        let result = try Self.run(["validate", "-f", "missing.yaml"])
        #expect(result.status == 66)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "Error: No such file or directory: 'missing.yaml'.\n")
    }
}
