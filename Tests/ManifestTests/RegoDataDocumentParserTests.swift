import Testing
@testable import Manifest

struct RegoDataDocumentParserTests {
    private func parse(_ text: String) -> (document: RegoDataDocument?, diagnostics: [Diagnostic]) {
        RegoDataDocumentParser.parse(text, file: "p.rego")
    }

    private func onlyDiagnostic(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let result = parse(text)
        #expect(result.document == nil, sourceLocation: sourceLocation)
        #expect(result.diagnostics.count == 1, "\(result.diagnostics)", sourceLocation: sourceLocation)
        return try #require(result.diagnostics.first, sourceLocation: sourceLocation)
    }

    @Test func readsAllTermKinds() throws {
        let text = """
            # caracal:data-document
            package caracal.authz
            import future.keywords.contains   # ignored

            app_ids := {"reporter": "app-1", "nested": {"list": [1, -2.5, 3e2, true, false, null]}}
            restrict = {"maintenance", "audit"}
            empty_set := set( )
            empty_object := {}
            raw := `C:\\path "quoted"`
            """
        let result = parse(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let document = try #require(result.document)
        #expect(document.packageName == "caracal.authz")
        #expect(document.rules.map(\.name) == ["app_ids", "restrict", "empty_set", "empty_object", "raw"])
        #expect(document.value(ofRule: "app_ids") == .object([
            "reporter": .string("app-1"),
            "nested": .object(["list": .array([.int(1), .number(RegoNumber(literal: "-2.5")!), .int(300), .bool(true), .bool(false), .null])]),
        ]))
        #expect(document.value(ofRule: "restrict") == .set(RegoSet([.string("audit"), .string("maintenance")])))
        #expect(document.value(ofRule: "empty_set") == .set(RegoSet([])))
        #expect(document.value(ofRule: "empty_object") == .object([:]))
        #expect(document.value(ofRule: "raw") == .string(#"C:\path "quoted""#))
    }

    @Test func numbersKeepTheirLiteral() throws {
        let document = try #require(parse("package p\nx := [1800.0, -0, 1E+2]").document)
        guard case .array(let elements)? = document.value(ofRule: "x") else {
            Issue.record("x is not an array")
            return
        }
        let literals = elements.compactMap { value -> String? in
            if case .number(let number) = value { return number.literal }
            return nil
        }
        #expect(literals == ["1800.0", "-0", "1E+2"])
        #expect(elements[0] == .int(1800))
    }

    @Test func recordsTheLocationOfEachRuleName() throws {
        let document = try #require(parse("package p\n\n  grants := {}\nrisk := []").document)
        #expect(document.rules[0].location == SourceLocation(file: "p.rego", line: 3, column: 3))
        #expect(document.rules[1].location == SourceLocation(file: "p.rego", line: 4, column: 1))
    }

    @Test func decodesJSONEscapesAndSurrogatePairs() throws {
        let text = #"package p"# + "\n" + #"s := "q\" b\\ s\/ \b\f\n\r\t \u00e9 \ud83d\ude00 \u2028""#
        let document = try #require(parse(text).document)
        #expect(document.value(ofRule: "s") == .string("q\" b\\ s/ \u{08}\u{0C}\n\r\t é 😀 \u{2028}"))
    }

    @Test func acceptsTrailingCommasCommentsAndTermsOverManyLines() throws {
        let text = """
            package caracal.authz
            grants := {  # comment after brace
              "resource://a": {
                "application": "reporter", # trailing comment
                "roles": {
                  "reader": [
                    "a:read",
                  ],
                },
              },
            }
            restrict := {
              "x",
            }
            """
        let document = try #require(parse(text).document)
        #expect(document.value(ofRule: "grants") == .object([
            "resource://a": .object(["application": .string("reporter"), "roles": .object(["reader": .array([.string("a:read")])])]),
        ]))
        #expect(document.value(ofRule: "restrict") == .set(RegoSet([.string("x")])))
    }

    @Test func acceptsWindowsLineEndings() throws {
        let result = parse("package caracal.authz\r\nrisk := [\r\n  {\"scope\": \"a\", \"tier\": \"high\"},\r\n]\r\nrestrict contains \"x\"\r\n")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.document?.value(ofRule: "risk") == .array([.object(["scope": .string("a"), "tier": .string("high")])]))
        #expect(result.document?.value(ofRule: "restrict") == .set(RegoSet([.string("x")])))
    }

    @Test func containsLinesAccumulateASet() throws {
        let text = """
            package caracal.authz
            restrict contains "b"
            restrict contains "a"
            restrict contains "b"
            """
        let document = try #require(parse(text).document)
        #expect(document.rules.count == 1)
        #expect(document.value(ofRule: "restrict") == .set(RegoSet([.string("a"), .string("b")])))
        #expect(document.rules[0].location.line == 2)
    }

    @Test func reportsAParseErrorWithItsPosition() throws {
        let diagnostic = try onlyDiagnostic("package p\nx := {\"a\": 1 x}")
        #expect(diagnostic.code == "rego_parse_error")
        #expect(diagnostic.message == "Expected ',' or '}' in the object, found 'x'.")
        #expect(diagnostic.location == SourceLocation(file: "p.rego", line: 2, column: 14))
    }

    @Test func parseErrorMessagesNameWhatWasFound() throws {
        let cases: [(String, String, Int, Int)] = [
            ("package p\nx := [1 2]", "Expected ',' or ']' in the array, found '2'.", 2, 9),
            ("package p\nx := {\"a\" 1}", "Expected ',' or '}' in the set, found '1'.", 2, 11),
            ("package p\nx := {\"a\", \"b\": 1}", "Expected ',' or '}' in the set, found ':'.", 2, 15),
            ("package p\nx := \"abc", "The string is not terminated before the end of the line.", 2, 6),
            ("package p\nx := `abc", "The raw string is not terminated before the end of the document.", 2, 6),
            ("package p\nx := \"\\q\"", "Invalid escape sequence '\\q' in a string.", 2, 7),
            ("package p\nx := \"\\ud800\"", "The escape '\\uD800' is a high surrogate without a low surrogate after it.", 2, 7),
            ("package p\nx := \"\\udc00\"", "The escape '\\uDC00' is a lone low surrogate.", 2, 7),
            ("package p\nx := 01", "Invalid number '01'; numbers are written as in JSON and must be finite.", 2, 6),
            ("package p\nx := 1.", "Invalid number '1.'; numbers are written as in JSON and must be finite.", 2, 6),
            ("package p\nx := input.user", "Expected a value, found 'input'; a data document may only contain constant values.", 2, 6),
            ("package p\nx := ", "Expected a value, found the end of the document.", 2, 6),
            ("package p\nx := 1 2", "Expected the end of the line after the value of rule 'x', found '2'.", 2, 8),
            ("package p\nx == 1", "Expected ':=', '=' or 'contains' after rule name 'x', found '='.", 2, 3),
            ("package p\nx := set(1)", "Expected ')' after 'set(', found '1'.", 2, 10),
            ("package p\n\"x\" := 1", "Expected a rule, found '\"'.", 2, 1),
            ("x := 1", "Expected a package declaration before rule 'x'; a data document starts with 'package caracal.authz'.", 1, 1),
            ("# only a comment\n", "The document has no package declaration; a data document starts with 'package caracal.authz'.", 1, 1),
            ("package caracal.\n", "Expected a package name, found the end of the line.", 1, 17),
        ]
        for (text, message, line, column) in cases {
            let diagnostic = try onlyDiagnostic(text)
            #expect(diagnostic.code == "rego_parse_error", "\(text)")
            #expect(diagnostic.message == message, "\(text)")
            #expect(diagnostic.location?.line == line && diagnostic.location?.column == column, "\(text): \(diagnostic)")
        }
    }

    @Test func columnsCountUnicodeScalars() throws {
        let diagnostic = try onlyDiagnostic("package p\nx := [\"é😀\" y]")
        #expect(diagnostic.location?.column == 12)
    }

    @Test func readsNonASCIIScalarsAroundEscapesAndInRawStrings() throws {
        let document = try #require(parse("package p\nx := \"é\\n😀\\u00e9 \\\"中\\\"\"\ny := `é😀\n\\n中`").document)
        #expect(document.value(ofRule: "x") == .string("é\n😀é \"中\""))
        #expect(document.value(ofRule: "y") == .string("é😀\n\\n中"))
    }

    @Test func messagesQuoteANonASCIIScalarWhole() throws {
        let found = try onlyDiagnostic("package p\nx := é")
        #expect(found.message == "Expected a value, found 'é'.")
        #expect(found.location?.column == 6)
        let escape = try onlyDiagnostic("package p\nx := [\"é😀\", \"\\é\"]")
        #expect(escape.message == "Invalid escape sequence '\\é' in a string.")
        #expect(escape.location?.column == 14)
    }

    @Test func rejectsUnescapedControlCharactersInStrings() throws {
        let diagnostic = try onlyDiagnostic("package p\nx := \"a\tb\"")
        #expect(diagnostic.message == "Control character U+0009 must be escaped in a string.")
        #expect(diagnostic.location?.column == 8)
    }

    @Test func rulesWithBodiesAreNotSupported() throws {
        let cases: [(String, String)] = [
            ("package p\nallow {\n  input.x == 1\n}", "Rule 'allow' has a body; caracal-apply's embedded runtime only evaluates data documents (NAME := value)."),
            ("package p\nallow if {\n  input.x == 1\n}", "Rule 'allow' has a body; caracal-apply's embedded runtime only evaluates data documents (NAME := value)."),
            ("package p\nallow := true if input.x == 1", "Rule 'allow' has a body; caracal-apply's embedded runtime only evaluates data documents (NAME := value)."),
            ("package p\nallow := {\n  \"a\": 1,\n} if {\n  input.x\n}", "Rule 'allow' has a body; caracal-apply's embedded runtime only evaluates data documents (NAME := value)."),
            ("package p\nf(x) := x", "Rule 'f' is a function; caracal-apply's embedded runtime only evaluates data documents (NAME := value)."),
            ("package p\ndefault allow := false", "Rule 'allow' is a default rule; caracal-apply's embedded runtime only evaluates data documents (NAME := value)."),
            ("package p\nallow := 1 else := 2", "Rule 'allow' has a body; caracal-apply's embedded runtime only evaluates data documents (NAME := value)."),
            ("package p\nallow := 1\nelse := 2", "An 'else' rule has a body; caracal-apply's embedded runtime only evaluates data documents (NAME := value)."),
        ]
        for (text, message) in cases {
            let diagnostic = try onlyDiagnostic(text)
            #expect(diagnostic.code == "rego_rule_not_supported", "\(text)")
            #expect(diagnostic.message == message, "\(text)")
        }
    }

    @Test func anElseChainIsReportedOnceAndParsingContinues() throws {
        let text = """
            package p
            tier := "high" if {
              input.x
            } else := "low"
            grants := {}
            other := [1 1]
            """
        let result = parse(text)
        #expect(result.document == nil)
        #expect(result.diagnostics.map(\.code) == ["rego_rule_not_supported", "rego_parse_error"])
        #expect(result.diagnostics.map { $0.location!.line } == [2, 6])
    }

    @Test func aRuleDefinedTwiceIsReportedAtTheSecondDefinition() throws {
        let diagnostic = try onlyDiagnostic("package p\ngrants := {}\n\ngrants = {}")
        #expect(diagnostic.code == "rego_rule_redefined")
        #expect(diagnostic.message == "Rule 'grants' is already defined at line 2; a data document defines each rule once.")
        #expect(diagnostic.location == SourceLocation(file: "p.rego", line: 4, column: 1))
    }

    @Test func mixingContainsAndAssignmentIsReported() throws {
        let first = try onlyDiagnostic("package p\nrestrict contains \"a\"\nrestrict := {\"b\"}")
        #expect(first.code == "rego_rule_kind_conflict")
        #expect(first.message == "Rule 'restrict' is built with 'contains' at line 2 and assigned here; use one form for a rule.")
        #expect(first.location?.line == 3)
        let second = try onlyDiagnostic("package p\nrestrict := {\"b\"}\nrestrict contains \"a\"")
        #expect(second.message == "Rule 'restrict' is assigned at line 2 and extended with 'contains' here; use one form for a rule.")
    }

    @Test func objectKeysMustBeStrings() throws {
        let diagnostic = try onlyDiagnostic("package p\nx := {\"a\": 1,\n  2: 3}")
        #expect(diagnostic.code == "rego_non_string_key")
        #expect(diagnostic.message == "Object keys must be strings; this key is a number.")
        #expect(diagnostic.location == SourceLocation(file: "p.rego", line: 3, column: 3))
    }

    @Test func duplicateKeysInOneObjectAreReported() throws {
        let diagnostic = try onlyDiagnostic("package p\nx := {\n  \"a\": 1,\n  \"a\": 2,\n}")
        #expect(diagnostic.code == "rego_duplicate_key")
        #expect(diagnostic.message == "Duplicate key 'a' in the object; the first is at line 3.")
        #expect(diagnostic.location == SourceLocation(file: "p.rego", line: 4, column: 3))
    }

    @Test func duplicateKeysBeforeAParseErrorAreStillReported() {
        let result = parse("package p\nx := {\"a\": 1, \"a\": 2, \"b\": {\"c\": 1, \"c\": 2, \"d\": [1 2]}}")
        #expect(result.document == nil)
        #expect(result.diagnostics.map(\.code) == ["rego_duplicate_key", "rego_duplicate_key", "rego_parse_error"])
        #expect(result.diagnostics.map { $0.location!.column } == [15, 37, 53])
    }

    @Test func collectsEveryProblemInSourceOrder() throws {
        let text = """
            package caracal.authz
            a := [1 2]
            b := {1: 2}
            c if { true }
            b := 3
            d := {"k": 1, "k": 2}
            """
        let result = parse(text)
        #expect(result.document == nil)
        #expect(result.diagnostics.map(\.code) == [
            "rego_parse_error", "rego_non_string_key", "rego_rule_not_supported", "rego_rule_redefined", "rego_duplicate_key",
        ])
        #expect(result.diagnostics.map { $0.location!.line } == [2, 3, 4, 5, 6])
    }

    @Test func boundsNesting() throws {
        let text = "package p\nx := " + String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        let diagnostic = try onlyDiagnostic(text)
        #expect(diagnostic.message == "The value is nested more than 512 levels deep.")
    }
}
