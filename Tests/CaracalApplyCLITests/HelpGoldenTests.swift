import TestSupport
import Testing
@testable import CaracalApplyCLI

/// Pins help and usage-error texts to golden files.
struct HelpGoldenTests {
    @Test func topLevelHelp() async {
        let run = await Invocation(["--help"])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        Golden.expect(run.stdout, matches: "help.txt")
    }

    @Test func validateHelp() async {
        let run = await Invocation(["validate", "--help"])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        Golden.expect(run.stdout, matches: "validate-help.txt")
    }

    @Test func serveHelp() async {
        let run = await Invocation(["serve", "--help"])
        #expect(run.status == 0)
        Golden.expect(run.stdout, matches: "serve-help.txt")
    }

    @Test(arguments: [
        (["valdate"], "error-unknown-command.txt"),
        (["serve", "--listen", "0.0.0.0:3000"], "error-serve-not-loopback.txt"),
        (["serve", "--listen", "3000"], "error-serve-listen.txt"),
        (["serve", "--runtime", "http://127.0.0.1:3000"], "error-serve-remote.txt"),
        (["serve", "--fault-rate", "2"], "error-serve-fault-rate.txt"),
        (["validate", "--fiel", "prod.yaml"], "error-unknown-option.txt"),
        (["validate", "-f"], "error-missing-value.txt"),
        (["validate", "--format", "markdown"], "error-bad-format.txt"),
        (["validate", "--var", "api_key"], "error-bad-var.txt"),
        (["validate", "--token", "s3cr3t-value"], "error-token.txt"),
    ])
    func usageErrors(arguments: [String], golden: String) async {
        let run = await Invocation(arguments)
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(run.stderrLines.count == 3)
        Golden.expect(run.stderr, matches: golden)
    }
}
