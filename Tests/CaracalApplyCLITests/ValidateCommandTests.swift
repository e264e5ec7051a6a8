import Foundation
import TestSupport
import Testing
@testable import CaracalApplyCLI

/// `validate` resolves its inputs, loads the manifests and reports what it found.
struct ValidateCommandTests {
    static let zone = """
        apiVersion: caracal-apply/v1
        kind: Zone
        metadata:
          name: ${var:zone}

        """
    static let application = """
        ---
        apiVersion: caracal-apply/v1
        kind: Application
        metadata:
          name: reporter
          zone: ${var:zone}
        spec: {traits: [reporting]}

        """

    @Test func missingFileExitsSixtySix() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let run = await Invocation(["validate", "-f", "missing.yaml"], currentDirectory: directory.path)
        #expect(run.status == 66)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "Error: No such file or directory: 'missing.yaml'.\n")
    }

    @Test func missingVariableFileExitsSixtySix() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("caracal/a.yaml")
        let run = await Invocation(["validate", "--var-file", "prod.vars"], currentDirectory: directory.path)
        #expect(run.status == 66)
        #expect(run.stderr == "Error: No such variable file: 'prod.vars'.\n")
    }

    @Test func validManifestsSucceedWithASummary() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("caracal/zone.yaml", Self.zone + Self.application)
        let run = await Invocation(["validate", "--var", "zone=prod"], currentDirectory: directory.path)
        #expect(run.stderr == "")
        #expect(run.stdout == "Success: 2 objects in 1 file are valid.\n")
        #expect(run.status == 0)
    }

    @Test func commandLineVariablesOverrideVariableFiles() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("caracal/zone.yaml", Self.zone + Self.application)
        try directory.write("prod.yaml", "zone: Not A Slug\n")
        let bad = await Invocation(["validate", "--var-file", "prod.yaml"], currentDirectory: directory.path)
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("caracal/zone.yaml:4:9: error: Zone name 'Not A Slug' is not a valid slug"))
        let good = await Invocation(["validate", "--var-file", "prod.yaml", "--var", "zone=prod"], currentDirectory: directory.path)
        #expect(good.status == 0)
    }

    @Test func errorsExitSixtyFiveWithLocatedDiagnostics() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("caracal/zone.yaml", Self.zone + Self.application.replacingOccurrences(of: "traits", with: "trait"))
        let run = await Invocation(["validate", "--var", "zone=prod"], currentDirectory: directory.path)
        #expect(run.status == 65)
        #expect(run.stdout == "")
        #expect(run.stderr == """
            caracal/zone.yaml:11:8: error: Unknown field 'spec.trait'; did you mean 'traits'?
                spec: {trait: [reporting]}
                       ^
            Error: 1 error in 1 file.

            """)
    }

    @Test func jsonFormatPrintsDiagnosticsOnStandardOutput() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("caracal/zone.yaml", Self.zone)
        let run = await Invocation(["validate", "--format", "json"], currentDirectory: directory.path)
        #expect(run.status == 65)
        #expect(run.stderr == "")
        #expect(run.stdout.contains(#""code": "missing_variable""#))
        #expect(run.stdout.contains(#""line": 4"#))
    }

    @Test func badFormatIsRejectedBeforeAnyFileIsRead() async {
        let run = await Invocation(["validate", "-f", "missing.yaml", "--format", "markdown"])
        #expect(run.status == 64)
        #expect(run.stderrLines.first == "Error: Invalid value 'markdown' for '--format': 'validate' accepts text, json.")
    }
}
