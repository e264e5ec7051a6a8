import Foundation
import Synchronization
import Testing
@testable import CaracalApplyCLI

/// `validate` resolves its inputs and hands them to the injected validator.
struct ValidateCommandTests {
    /// Remembers the request a validator received.
    final class Recorder: Sendable {
        let request = Mutex<ValidationRequest?>(nil)
    }

    @Test func missingFileExitsSixtySix() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let run = Invocation(["validate", "-f", "missing.yaml"], currentDirectory: directory.path)
        #expect(run.status == 66)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "Error: No such file or directory: 'missing.yaml'.\n")
    }

    @Test func missingVariableFileExitsSixtySix() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("caracal/a.yaml")
        let run = Invocation(["validate", "--var-file", "prod.vars"], currentDirectory: directory.path)
        #expect(run.status == 66)
        #expect(run.stderr == "Error: No such variable file: 'prod.vars'.\n")
    }

    @Test func validatorReceivesResolvedInputs() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("m/b.yaml")
        try directory.write("m/a.yml")
        try directory.write("extra.yaml")
        try directory.write("prod.vars", "region=eu\n")
        let recorder = Recorder()
        let validate = ValidateCommand { request, _ throws(CommandFailure) in
            recorder.request.withLock { $0 = request }
            return .invalidManifests
        }
        let run = Invocation(
            ["validate", "-f", "m", "--file=extra.yaml", "--var", "team=core", "--var-file", "prod.vars", "--format", "json"],
            cli: CLI(commands: [validate]), currentDirectory: directory.path
        )
        #expect(run.status == 65)
        let request = try #require(recorder.request.withLock { $0 })
        #expect(request.files.map(\.path) == ["extra.yaml", "m/a.yml", "m/b.yaml"])
        #expect(request.variables == [VariableAssignment(name: "team", value: "core")])
        #expect(request.variableFiles.map(\.path) == ["prod.vars"])
        #expect(request.variableFiles.first?.url.path == directory.path + "/prod.vars")
        #expect(request.format == .json)
    }

    @Test func validatorFailureIsPrintedWithItsExitCode() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("caracal/a.yaml")
        let validate = ValidateCommand { _, _ throws(CommandFailure) in
            throw .failed(message: "Cannot read 'caracal/a.yaml': permission denied.", exitCode: .missingInput)
        }
        let run = Invocation(["validate"], cli: CLI(commands: [validate]), currentDirectory: directory.path)
        #expect(run.status == 66)
        #expect(run.stderr == "Error: Cannot read 'caracal/a.yaml': permission denied.\n")
    }

    @Test func standInValidatorListsTheFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("caracal/z.yaml")
        try directory.write("caracal/apps/a.yaml")
        let run = Invocation(["validate"], currentDirectory: directory.path)
        #expect(run.status == 0)
        #expect(run.stdout == "caracal/apps/a.yaml\ncaracal/z.yaml\n")
    }

    @Test func badFormatIsRejectedBeforeAnyFileIsRead() {
        let run = Invocation(["validate", "-f", "missing.yaml", "--format", "markdown"])
        #expect(run.status == 64)
        #expect(run.stderrLines.first == "Error: Invalid value 'markdown' for '--format': 'validate' accepts text, json.")
    }
}
