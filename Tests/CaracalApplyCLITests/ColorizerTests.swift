import Testing
@testable import CaracalApplyCLI

/// Colour only on a terminal, and never with `--no-color`, `NO_COLOR` or `TERM=dumb`.
struct ColorizerTests {
    @Test func coloursOnlyATerminal() async {
        #expect(Colorizer.shouldColor(isTerminal: true, noColorFlag: false, environment: [:]))
        #expect(!Colorizer.shouldColor(isTerminal: false, noColorFlag: false, environment: [:]))
    }

    @Test func noColorFlagTurnsColourOff() async {
        #expect(!Colorizer.shouldColor(isTerminal: true, noColorFlag: true, environment: [:]))
    }

    @Test func nonEmptyNoColorVariableTurnsColourOff() async {
        #expect(!Colorizer.shouldColor(isTerminal: true, noColorFlag: false, environment: ["NO_COLOR": "1"]))
        #expect(Colorizer.shouldColor(isTerminal: true, noColorFlag: false, environment: ["NO_COLOR": ""]))
    }

    @Test func dumbTerminalGetsNoColour() async {
        #expect(!Colorizer.shouldColor(isTerminal: true, noColorFlag: false, environment: ["TERM": "dumb"]))
        #expect(Colorizer.shouldColor(isTerminal: true, noColorFlag: false, environment: ["TERM": "xterm-256color"]))
    }

    @Test func applyWrapsTextOnlyWhenEnabled() async {
        #expect(Colorizer(isEnabled: true).apply(.bold, .red, to: "Error:") == "\u{1B}[1;31mError:\u{1B}[0m")
        #expect(Colorizer(isEnabled: false).apply(.red, to: "Error:") == "Error:")
        #expect(Colorizer(isEnabled: true).apply(.green, to: "") == "")
    }

    let failing = ProbeCommand { _ throws(CommandFailure) in throw .failed("Boom.") }

    @Test func errorsAreColouredOnATerminal() async {
        let run = await Invocation(["probe"], cli: CLI(commands: [failing]), terminal: true)
        #expect(run.stderr == "\u{1B}[1;31mError:\u{1B}[0m Boom.\n")
    }

    @Test func errorsArePlainWithNoColorFlagOrVariable() async {
        let flagged = await Invocation(["probe", "--no-color"], cli: CLI(commands: [failing]), terminal: true)
        #expect(flagged.stderr == "Error: Boom.\n")
        let variable = await Invocation(["probe"], cli: CLI(commands: [failing]), environment: ["NO_COLOR": "1"], terminal: true)
        #expect(variable.stderr == "Error: Boom.\n")
    }

    @Test func usageErrorsHonourNoColorBeforeParsingSucceeds() async {
        let coloured = await Invocation(["probe", "--bogus"], cli: CLI(commands: [failing]), terminal: true)
        #expect(coloured.stderr.hasPrefix("\u{1B}[1;31mError:\u{1B}[0m Unknown option '--bogus'."))
        let plain = await Invocation(["probe", "--bogus", "--no-color"], cli: CLI(commands: [failing]), terminal: true)
        #expect(plain.stderr.hasPrefix("Error: Unknown option '--bogus'."))
    }

    @Test func contextColorizersFollowEachStream() async {
        let probe = ProbeCommand { context throws(CommandFailure) in
            context.printOut(context.stdoutColor.apply(.green, to: "ok"))
            return .success
        }
        #expect(await Invocation(["probe"], cli: CLI(commands: [probe]), terminal: true).stdout == "\u{1B}[32mok\u{1B}[0m\n")
        #expect(await Invocation(["probe"], cli: CLI(commands: [probe]), terminal: false).stdout == "ok\n")
    }
}
