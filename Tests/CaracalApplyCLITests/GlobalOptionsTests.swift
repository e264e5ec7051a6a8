import Foundation
import Testing
@testable import CaracalApplyCLI

/// The common options: runtime location, variables, formats.
struct GlobalOptionsTests {
    func options(_ arguments: [String], command: any Command = ProbeCommand(), environment: [String: String] = [:]) throws -> GlobalOptions {
        let parsed = try CommandLineParser(options: command.allOptions, arguments: command.arguments).parse(arguments)
        return try GlobalOptions(parsing: parsed, for: command, environment: environment)
    }

    @Test func runtimeDefaultsToEmbeddedInDotCaracal() async throws {
        #expect(try options([]).runtime == .embedded(directory: "./.caracal"))
        #expect(try options([], environment: ["CARACAL_API_URL": ""]).runtime == .embedded(directory: "./.caracal"))
    }

    @Test func runtimeDefaultsToCaracalAPIURLWhenSet() async throws {
        let url = try #require(URL(string: "https://caracal.example.com/admin"))
        #expect(try options([], environment: ["CARACAL_API_URL": "https://caracal.example.com/admin"]).runtime == .remote(url))
    }

    @Test func runtimeOptionBeatsTheEnvironment() async throws {
        let chosen = try options(["--runtime", "embedded:/tmp/state"], environment: ["CARACAL_API_URL": "https://x.example"])
        #expect(chosen.runtime == .embedded(directory: "/tmp/state"))
    }

    @Test(arguments: [
        ("embedded", RuntimeLocation.embedded(directory: "./.caracal")),
        ("embedded:state", RuntimeLocation.embedded(directory: "state")),
        ("http://127.0.0.1:3000", RuntimeLocation.remote(URL(string: "http://127.0.0.1:3000")!)),
        ("https://caracal.example.com", RuntimeLocation.remote(URL(string: "https://caracal.example.com")!)),
    ])
    func runtimeValuesParse(argument: String, expected: RuntimeLocation) async throws {
        #expect(RuntimeLocation(argument: argument) == expected)
        #expect(try options(["--runtime=\(argument)"]).runtime == expected)
    }

    @Test(arguments: ["embedded:", "ftp://caracal.example.com", "caracal.example.com", "https://", "local"])
    func malformedRuntimeIsAUsageError(argument: String) async {
        #expect(RuntimeLocation(argument: argument) == nil)
        #expect(throws: UsageError("Invalid value '\(argument)' for '--runtime': expected an http(s) URL, 'embedded' or 'embedded:DIR'.")) {
            try options(["--runtime", argument])
        }
    }

    @Test func malformedCaracalAPIURLIsAUsageError() async {
        let run = await Invocation(["probe"], cli: CLI(commands: [ProbeCommand()]), environment: ["CARACAL_API_URL": "embedded:x"])
        #expect(run.status == 64)
        #expect(run.stderrLines.first == "Error: The CARACAL_API_URL environment variable must be an http(s) URL of the Admin API, not 'embedded:x'.")
    }

    @Test func variablesKeepOrderAndTheLastValueWins() async throws {
        let parsed = try options(["--var", "region=eu", "--var=empty=", "--var", "region=us", "--var", "url=https://a?b=c"], command: ValidateCommand())
        #expect(parsed.variables.map(\.name) == ["region", "empty", "region", "url"])
        #expect(parsed.variableValues == ["region": "us", "empty": "", "url": "https://a?b=c"])
    }

    @Test(arguments: ["noequals", "=value", "9lives=x", "has space=x", "a${b}=x", "ünï=x"])
    func malformedVariableIsAUsageError(argument: String) async {
        #expect(VariableAssignment(argument: argument) == nil)
        #expect(throws: UsageError.self) { try options(["--var", argument], command: ValidateCommand()) }
    }

    @Test(arguments: ["a=1", "_x=1", "api.key=1", "team-name=1", "A9=1"])
    func wellFormedVariableNamesParse(argument: String) async {
        #expect(VariableAssignment(argument: argument) != nil)
    }

    @Test func variableFilesAndFilesAccumulate() async throws {
        let parsed = try options(["-f", "a", "--var-file", "v1", "--file=b", "--var-file=v2"], command: ValidateCommand())
        #expect(parsed.files == ["a", "b"])
        #expect(parsed.variableFiles == ["v1", "v2"])
    }

    @Test func formatDefaultsToTheCommandsFirstFormat() async throws {
        #expect(try options([]).format == .text)
        #expect(try options(["--format", "markdown"]).format == .markdown)
        #expect(try options(["--format=json"], command: ValidateCommand()).format == .json)
    }

    @Test func formatTheCommandDoesNotAcceptListsTheAllowedOnes() async {
        #expect(throws: UsageError("Invalid value 'json' for '--format': 'probe' accepts text, markdown.")) {
            try options(["--format", "json"])
        }
        #expect(throws: UsageError("Invalid value 'xml' for '--format': 'validate' accepts text, json.")) {
            try options(["--format", "xml"], command: ValidateCommand())
        }
    }

    @Test func flagsAreRead() async throws {
        let parsed = try options(["--no-color", "-v"], command: ValidateCommand())
        #expect(parsed.noColor)
        #expect(parsed.verbose)
        #expect(try options([], command: ValidateCommand()) == GlobalOptions())
    }

    @Test func adminTokenComesOnlyFromTheEnvironment() async {
        let probe = ProbeCommand { context throws(CommandFailure) in
            context.printOut(context.adminToken == "s3cret" ? "token" : "none")
            return .success
        }
        #expect(await Invocation(["probe"], cli: CLI(commands: [probe]), environment: ["CARACAL_ADMIN_TOKEN": "s3cret"]).stdout == "token\n")
        #expect(await Invocation(["probe"], cli: CLI(commands: [probe]), environment: ["CARACAL_ADMIN_TOKEN": ""]).stdout == "none\n")
    }
}
