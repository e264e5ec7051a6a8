import Testing
@testable import CaracalApplyCLI

/// Parsing conventions: `=` form, repeatable options, `--`, help anywhere, and the usage errors.
struct CommandLineParserTests {
    let parser = CommandLineParser(
        options: [
            .value("file", short: "f", placeholder: "PATH", repeatable: true, help: "A file."),
            .value("out", placeholder: "FILE", help: "Output."),
            .flag("auto-approve", help: "Skip the prompt."),
            .flag("verbose", short: "v", help: "Talk."),
        ],
        arguments: [ArgumentDeclaration("PLANFILE", optional: true, help: "A plan.")]
    )

    @Test func valueWithEqualsSignParsesLikeSeparateValue() async throws {
        let joined = try parser.parse(["--out=plan.json"])
        let separate = try parser.parse(["--out", "plan.json"])
        #expect(joined.value("out") == "plan.json")
        #expect(joined == separate)
    }

    @Test func equalsSignOnlySplitsOnce() async throws {
        #expect(try parser.parse(["--out=a=b"]).value("out") == "a=b")
    }

    @Test func repeatableOptionKeepsEveryValueInOrder() async throws {
        let parsed = try parser.parse(["-f", "a.yaml", "--file", "b", "--file=c.yml", "-f", "d"])
        #expect(parsed.values("file") == ["a.yaml", "b", "c.yml", "d"])
    }

    @Test func repeatedSingleValueOptionKeepsTheLast() async throws {
        #expect(try parser.parse(["--out", "one", "--out", "two"]).value("out") == "two")
    }

    @Test func flagsAndShortAliases() async throws {
        let parsed = try parser.parse(["-v", "--auto-approve"])
        #expect(parsed.flag("verbose"))
        #expect(parsed.flag("auto-approve"))
        #expect(!(try parser.parse([])).flag("verbose"))
    }

    @Test func doubleDashEndsOptions() async throws {
        let parsed = try parser.parse(["-v", "--", "--auto-approve"])
        #expect(parsed.positionals == ["--auto-approve"])
        #expect(!parsed.flag("auto-approve"))
    }

    @Test func loneDashIsAValue() async throws {
        #expect(try parser.parse(["--out", "-"]).value("out") == "-")
    }

    @Test func optionLikeNextArgumentIsNotTakenAsValue() async {
        #expect(throws: UsageError.missingValue("--out FILE")) { try parser.parse(["--out", "--auto-approve"]) }
        #expect(throws: UsageError.missingValue("-f PATH")) { try parser.parse(["-f"]) }
        #expect(throws: UsageError.missingValue("--out FILE")) { try parser.parse(["--out="]) }
    }

    @Test func flagWithValueIsRefused() async {
        #expect(throws: UsageError.flagTakesNoValue("--auto-approve")) { try parser.parse(["--auto-approve=yes"]) }
    }

    @Test func unknownOptionsSuggestTheClosestName() async {
        #expect(throws: UsageError.unknownOption("--fiel", suggestion: "--file")) { try parser.parse(["--fiel", "x"]) }
        #expect(throws: UsageError.unknownOption("--auto-aprove", suggestion: "--auto-approve")) { try parser.parse(["--auto-aprove"]) }
        #expect(throws: UsageError.unknownOption("-file", suggestion: "--file")) { try parser.parse(["-file"]) }
        #expect(throws: UsageError.unknownOption("-x", suggestion: nil)) { try parser.parse(["-x"]) }
        #expect(throws: UsageError.unknownOption("--parallelism", suggestion: nil)) { try parser.parse(["--parallelism=4"]) }
    }

    @Test func positionalsBeyondTheDeclaredOnesAreUnexpected() async throws {
        #expect(try parser.parse(["plan.json"]).positionals == ["plan.json"])
        #expect(throws: UsageError.unexpectedArgument("extra")) { try parser.parse(["plan.json", "extra"]) }
    }

    @Test func requiredPositionalMustBeGiven() async {
        let explain = CommandLineParser(options: [], arguments: [ArgumentDeclaration("REQUEST_ID", help: "An id.")])
        #expect(throws: UsageError.missingArgument("REQUEST_ID")) { try explain.parse([]) }
    }

    @Test func repeatingPositionalTakesTheRest() async throws {
        let many = CommandLineParser(options: [], arguments: [ArgumentDeclaration("FILE", repeating: true, help: "Files.")])
        #expect(try many.parse(["a", "b", "c"]).positionals == ["a", "b", "c"])
    }

    @Test(arguments: ["--token", "--admin-token"])
    func tokenOptionsAreRefusedWithoutEchoingTheValue(spelling: String) async {
        #expect(throws: UsageError.tokenOption(spelling)) { try parser.parse(["\(spelling)=hunter2"]) }
        #expect(!UsageError.tokenOption(spelling).message.contains("hunter2"))
        #expect(UsageError.tokenOption(spelling).message.contains("CARACAL_ADMIN_TOKEN"))
    }

    @Test func helpIsFoundAnywhereBeforeDoubleDash() async {
        #expect(CommandLineParser.requestsHelp(["validate", "-f", "x", "-h"]))
        #expect(CommandLineParser.requestsHelp(["validate", "--format", "nope", "--help"]))
        #expect(!CommandLineParser.requestsHelp(["validate", "--", "--help"]))
        #expect(!CommandLineParser.requestsHelp(["validate", "--var", "A=--help"]))
    }

}
