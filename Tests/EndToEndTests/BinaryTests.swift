import Foundation
import Testing

/// Runs the built `caracal-apply` binary and checks its stdout, stderr and exit status
/// (the helper is in Support/Binary.swift).
struct BinaryTests {
    @Test func versionPrintsNameAndVersion() throws {
        let result = try Binary.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("caracal-apply "))
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(result.stderr.isEmpty)
    }

    @Test func helpGoesToStdout() throws {
        let result = try Binary.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("OVERVIEW: "))
        #expect(result.stdout.contains("USAGE: caracal-apply <command> [options]"))
        #expect(result.stdout.contains("  validate "))
        #expect(result.stderr.isEmpty)
    }

    @Test func usageErrorPrintsThreeLinesOnStderr() throws {
        let result = try Binary.run(["validate", "--fiel", "prod.yaml"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines.last == "")
        #expect(lines.first == "Error: Unknown option '--fiel'. Did you mean '--file'?")
        #expect(lines.dropFirst().first?.hasPrefix("Usage: caracal-apply validate ") == true)
        #expect(lines.dropFirst(2).first == "See 'caracal-apply validate --help' for more information.")
    }

    @Test func validateMissingFileExitsSixtySix() throws {
        let result = try Binary.run(["validate", "-f", "missing.yaml"])
        #expect(result.status == 66)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "Error: No such file or directory: 'missing.yaml'.\n")
    }
}
