import Foundation
import Testing
@testable import CaracalApplyCLI

/// Top-level dispatch, help, version and exit statuses, run in-process.
struct CLITests {
    @Test func exitCodesHaveTheDocumentedValues() async {
        #expect(ExitCode.success.rawValue == 0)
        #expect(ExitCode.failure.rawValue == 1)
        #expect(ExitCode.changesPresent.rawValue == 2)
        #expect(ExitCode.testsFailed.rawValue == 3)
        #expect(ExitCode.usage.rawValue == 64)
        #expect(ExitCode.invalidManifests.rawValue == 65)
        #expect(ExitCode.missingInput.rawValue == 66)
    }

    @Test(arguments: [["--version"], ["version"]])
    func versionPrintsNameAndVersion(arguments: [String]) async {
        let run = await Invocation(arguments)
        #expect(run.status == 0)
        #expect(run.stdout == "caracal-apply \(CaracalApply.version)\n")
        #expect(run.stderr.isEmpty)
    }

    @Test(arguments: [[], ["-h"], ["--help"], ["help"]])
    func topLevelHelpGoesToStdout(arguments: [String]) async {
        let run = await Invocation(arguments)
        #expect(run.status == 0)
        #expect(run.stdout == HelpFormatter(commands: CLI.defaultCommands).topLevelHelp)
        #expect(run.stderr.isEmpty)
    }

    @Test(arguments: [
        ["help", "validate"], ["validate", "-h"], ["validate", "--help"], ["validate", "-f", "missing.yaml", "--help"],
        ["validate", "--format", "yaml", "-h"], ["validate", "--bogus", "-h"], ["validate", "-f", "-h"],
    ])
    func commandHelpWinsAnywhere(arguments: [String]) async {
        let run = await Invocation(arguments)
        #expect(run.status == 0)
        #expect(run.stdout == HelpFormatter(commands: CLI.defaultCommands).help(for: ValidateCommand()))
        #expect(run.stderr.isEmpty)
    }

    @Test func topLevelListsEveryCommandWithItsAbstract() async {
        let help = HelpFormatter(commands: CLI.defaultCommands).topLevelHelp
        for command in CLI.defaultCommands {
            #expect(help.contains("  \(command.name)") && help.contains(command.abstract))
        }
    }

    @Test func commandHelpListsEveryDeclaredOption() async {
        let help = HelpFormatter(commands: []).help(for: ValidateCommand())
        for option in ValidateCommand().allOptions {
            #expect(help.contains(option.helpLabel))
        }
        #expect(!help.contains("--runtime"))
    }

    @Test func helpFitsInEightyColumns() async {
        let formatter = HelpFormatter(commands: CLI.defaultCommands)
        let texts = [formatter.topLevelHelp] + CLI.defaultCommands.map { formatter.help(for: $0) }
        for line in texts.joined().split(separator: "\n") {
            #expect(line.count <= 80, "\(line)")
        }
    }

    @Test func helpUsageWrapsWithoutSplittingAFragment() async {
        let lines = HelpFormatter.wrapUsage(ValidateCommand().usageFragments)
        #expect(lines == [
            "USAGE: caracal-apply validate [-f PATH]... [--var NAME=VALUE]...",
            "                     [--var-file FILE]... [--format text|json] [--no-color] [-v]",
        ])
    }

    @Test func helpForUnknownCommandIsAUsageError() async {
        let run = await Invocation(["help", "validat"])
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(run.stderrLines == [
            "Error: Unknown command 'validat'. Did you mean 'validate'?",
            "Usage: caracal-apply help [COMMAND]",
            "See 'caracal-apply help --help' for more information.",
        ])
    }

    @Test func unknownCommandWithoutCloseMatchHasNoSuggestion() async {
        let run = await Invocation(["frobnicate"])
        #expect(run.status == 64)
        #expect(run.stderrLines.first == "Error: Unknown command 'frobnicate'.")
    }

    @Test func unknownTopLevelOptionSuggestsVersion() async {
        let run = await Invocation(["--versoin"])
        #expect(run.status == 64)
        #expect(run.stderrLines == [
            "Error: Unknown option '--versoin'. Did you mean '--version'?",
            "Usage: caracal-apply <command> [options]",
            "See 'caracal-apply --help' for more information.",
        ])
    }

    @Test func commandOptionBeforeTheCommandSaysWhereItGoes() async {
        let run = await Invocation(["--file=secret.yaml", "validate"])
        #expect(run.status == 64)
        #expect(run.stderrLines.first == "Error: Options go after the command: write 'caracal-apply validate --file …'.")
        #expect(await Invocation(["-v", "validate"]).stderrLines.first == "Error: Options go after the command: write 'caracal-apply validate -v …'.")
    }

    @Test func tokenOptionIsRefusedAtTopLevelToo() async {
        let run = await Invocation(["--admin-token", "hunter2", "validate"])
        #expect(run.status == 64)
        #expect(!run.stderr.contains("hunter2"))
        #expect(run.stderrLines.first?.contains("CARACAL_ADMIN_TOKEN") == true)
    }

    @Test func tokenValueIsNeverEchoed() async {
        for arguments in [["validate", "--token=hunter2"], ["validate", "--token", "hunter2"], ["validate", "--admin-token=hunter2"]] {
            let run = await Invocation(arguments)
            #expect(run.status == 64)
            #expect(!run.stderr.contains("hunter2"))
            #expect(!run.stdout.contains("hunter2"))
        }
    }

    @Test func malformedVarDoesNotEchoItsValue() async {
        let run = await Invocation(["validate", "--var", "9lives=hunter2"])
        #expect(run.status == 64)
        #expect(!run.stderr.contains("hunter2"))
    }

    @Test func unexpectedPositionalIsAUsageError() async {
        let run = await Invocation(["validate", "prod.yaml"])
        #expect(run.status == 64)
        #expect(run.stderrLines.first == "Error: Unexpected argument 'prod.yaml'.")
    }

    @Test func commandAfterDoubleDashIsPositional() async {
        let run = await Invocation(["validate", "--", "--help"])
        #expect(run.status == 64)
        #expect(run.stderrLines.first == "Error: Unexpected argument '--help'.")
    }

    @Test func runtimeIsNotAnOptionOfValidate() async {
        let run = await Invocation(["validate", "--runtime", "embedded"])
        #expect(run.status == 64)
        #expect(run.stderrLines.first == "Error: Unknown option '--runtime'.")
    }

    @Test func operationalFailurePrintsOneErrorLineAndItsExitCode() async {
        let failing = ProbeCommand { _ throws(CommandFailure) in throw .failed("The runtime at http://localhost:1 is unreachable.") }
        let run = await Invocation(["probe"], cli: CLI(commands: [failing]))
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "Error: The runtime at http://localhost:1 is unreachable.\n")
    }

    @Test func lateUsageErrorPrintsTheThreeLines() async {
        let failing = ProbeCommand { _ throws(CommandFailure) in
            throw .usage(UsageError("Refusing to apply without a terminal; pass --auto-approve."))
        }
        let run = await Invocation(["probe"], cli: CLI(commands: [failing]))
        #expect(run.status == 64)
        #expect(run.stderrLines == [
            "Error: Refusing to apply without a terminal; pass --auto-approve.",
            "Usage: caracal-apply probe [--runtime URL|embedded[:DIR]] [--format text|markdown] [--no-color]",
            "See 'caracal-apply probe --help' for more information.",
        ])
    }

    @Test func commandExitCodeIsReturned() async {
        let drift = ProbeCommand { _ throws(CommandFailure) in .changesPresent }
        #expect(await Invocation(["probe"], cli: CLI(commands: [drift])).status == 2)
    }

    @Test func capturedInputIsReadLineByLine() async {
        let (io, _) = TerminalIO.capturing(input: ["yes", "no"])
        #expect(io.readLine() == "yes")
        #expect(io.readLine() == "no")
        #expect(io.readLine() == nil)
    }

    @Test func capturedOutputKeepsEveryConcurrentWrite() async {
        let (io, output) = TerminalIO.capturing()
        DispatchQueue.concurrentPerform(iterations: 200) { index in
            io.writeOut("o\n")
            io.writeErr("e\(index)\n")
        }
        #expect(output.stdout.count == 400)
        #expect(output.stderr.split(separator: "\n").count == 200)
        #expect(Set(output.stderr.split(separator: "\n")).count == 200)
    }
}
