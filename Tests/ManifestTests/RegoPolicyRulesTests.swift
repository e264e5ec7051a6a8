import Testing
@testable import Manifest

struct RegoPolicyRulesTests {
    private let valid = """
        # caracal:data-document
        package caracal.authz

        grants := {"resource://a": {"application": "reporter", "roles": {"reader": ["a:read"]}}}
        """

    @Test func aValidDataDocumentPasses() {
        #expect(RegoPolicyRules.firstViolation(in: valid) == nil)
        #expect(RegoPolicyRules.allViolations(in: valid).isEmpty)
    }

    @Test func contentTooLarge() {
        let content = valid + "\n" + String(repeating: "#", count: RegoPolicyRules.maximumLength)
        let violation = RegoPolicyRules.firstViolation(in: content)
        #expect(violation?.ruleID == "content_too_large")
        #expect(violation?.message == "The policy is \(content.utf16.count) characters long; Caracal accepts at most 262144.")
    }

    @Test func theLimitCountsUTF16CodeUnitsLikeTheAPI() {
        // Each 😀 is two UTF-16 code units: 131,072 of them are exactly at the limit.
        let atLimit = String(repeating: "😀", count: RegoPolicyRules.maximumLength / 2)
        #expect(RegoPolicyRules.firstViolation(in: atLimit)?.ruleID != "content_too_large")
        #expect(RegoPolicyRules.firstViolation(in: atLimit + "a")?.ruleID == "content_too_large")
    }

    @Test func emptyPolicy() {
        #expect(RegoPolicyRules.firstViolation(in: "")?.ruleID == "empty_policy")
        #expect(RegoPolicyRules.firstViolation(in: " \n\t ")?.ruleID == "empty_policy")
        #expect(RegoPolicyRules.firstViolation(in: "")?.message == "The policy is empty.")
    }

    @Test func unterminatedString() {
        let violation = RegoPolicyRules.firstViolation(in: "package caracal.authz\nx := \"abc\ny := 1")
        #expect(violation == RegoRuleViolation(
            ruleID: "unterminated_string", message: "The string that starts here is not terminated.", line: 2, column: 6))
        #expect(RegoPolicyRules.firstViolation(in: "package caracal.authz\nx := `abc")?.ruleID == "unterminated_string")
    }

    @Test func unbalancedDelimiters() {
        let mismatched = RegoPolicyRules.firstViolation(in: "package caracal.authz\nx := {\"a\": [1}")
        #expect(mismatched == RegoRuleViolation(
            ruleID: "unbalanced_delimiters",
            message: "Expected ']' to close the '[' at line 2, column 12, found '}'.",
            line: 2, column: 14))
        let unopened = RegoPolicyRules.firstViolation(in: "package caracal.authz\nx := 1)")
        #expect(unopened?.message == "')' has no matching opening delimiter.")
        let unclosed = RegoPolicyRules.firstViolation(in: "package caracal.authz\nx := {\n")
        #expect(unclosed == RegoRuleViolation(ruleID: "unbalanced_delimiters", message: "'{' is never closed.", line: 2, column: 6))
    }

    @Test func delimitersInsideStringsAndCommentsDoNotCount() {
        let content = valid + "\nrestrict := {\"a}\", `b]`} # unbalanced ( in a comment\n"
        #expect(RegoPolicyRules.firstViolation(in: content) == nil)
    }

    @Test func columnsCountScalarsPastNonASCIIStringsAndComments() {
        // A blanked string or comment keeps one column per scalar, however many bytes it takes.
        #expect(RegoPolicyRules.firstViolation(in: "package caracal.authz\nx := {\"é😀\": [1}") == RegoRuleViolation(
            ruleID: "unbalanced_delimiters",
            message: "Expected ']' to close the '[' at line 2, column 13, found '}'.",
            line: 2, column: 15))
        #expect(RegoPolicyRules.firstViolation(in: "package caracal.authz\nx := \"é😀\" + \"abc\ny := 1") == RegoRuleViolation(
            ruleID: "unterminated_string", message: "The string that starts here is not terminated.", line: 2, column: 13))
        #expect(RegoPolicyRules.firstViolation(in: "package caracal.authz\n# é😀 (\nx := `é😀\n[`)") == RegoRuleViolation(
            ruleID: "unbalanced_delimiters", message: "')' has no matching opening delimiter.", line: 4, column: 3))
        let builtin = RegoPolicyRules.firstViolation(in: "# caracal:data-document\npackage caracal.authz\nx := [\"é😀\", http.send(1)]\n")
        #expect(builtin?.ruleID == "forbidden_builtin:http.send")
        #expect(builtin?.line == 3 && builtin?.column == 13)
    }

    @Test func aStringInThePackageNameIsBlankedOneSpacePerScalar() {
        #expect(RegoPolicyRules.firstViolation(in: "package a\"é😀\"b\n") == RegoRuleViolation(
            ruleID: "invalid_package_name", message: "'a    b' is not a valid package name.", line: 1, column: 9))
    }

    @Test func missingPackageDeclaration() {
        let violation = RegoPolicyRules.firstViolation(in: "# caracal:data-document\ngrants := {}")
        #expect(violation?.ruleID == "missing_package_declaration")
        #expect(violation?.message == "The policy has no package declaration; write 'package caracal.authz' at the top.")
        // A package inside a comment or string does not count.
        #expect(RegoPolicyRules.firstViolation(in: "# package caracal.authz\nx := \"package a\"")?.ruleID == "missing_package_declaration")
    }

    @Test func invalidPackageName() {
        let violation = RegoPolicyRules.firstViolation(in: "package caracal..authz\n")
        #expect(violation == RegoRuleViolation(
            ruleID: "invalid_package_name", message: "'caracal..authz' is not a valid package name.", line: 1, column: 9))
        #expect(RegoPolicyRules.firstViolation(in: "package 1abc\n")?.ruleID == "invalid_package_name")
    }

    @Test func everyForbiddenBuiltinIsReportedWithItsName() {
        for builtin in RegoPolicyRules.forbiddenBuiltins {
            let content = "# caracal:data-document\npackage caracal.authz\nx := \(builtin)(1)\n"
            let violation = RegoPolicyRules.firstViolation(in: content)
            #expect(violation?.ruleID == "forbidden_builtin:\(builtin)")
            #expect(violation?.message == "The built-in '\(builtin)' is not allowed in Caracal policies.")
            #expect(violation?.line == 3 && violation?.column == 6)
        }
    }

    @Test func builtinNamesInStringsCommentsOrLongerNamesAreFine() {
        let content = valid + "\n# http.send\nrestrict := {\"time.now_ns\"}\n"
        #expect(RegoPolicyRules.firstViolation(in: content) == nil)
        let longer = "package caracal.authz\nx := my_http.send_all\n"
        #expect(!RegoPolicyRules.allViolations(in: longer).contains { $0.ruleID.hasPrefix("forbidden_builtin") })
    }

    @Test func mustUsePackageCaracalAuthz() {
        let violation = RegoPolicyRules.firstViolation(in: "# caracal:data-document\npackage caracal.other\ngrants := {}")
        #expect(violation == RegoRuleViolation(
            ruleID: "must_use_package_caracal_authz",
            message: "The package is 'caracal.other'; Caracal policies must use 'package caracal.authz'.",
            line: 2, column: 9))
    }

    @Test func mustBeDataDocument() {
        let violation = RegoPolicyRules.firstViolation(in: "package caracal.authz\ngrants := {}")
        #expect(violation?.ruleID == "must_be_data_document")
        #expect(violation?.message == "The policy has no '# caracal:data-document' line; Caracal accepts only data documents.")
        // The API's regex accepts the marker on any line, with any spacing after '#'.
        #expect(RegoPolicyRules.firstViolation(in: "package caracal.authz\n  #caracal:data-document\ngrants := {}") == nil)
        #expect(RegoPolicyRules.firstViolation(in: "package caracal.authz\n# caracal:data-documents\ngrants := {}")?.ruleID == "must_be_data_document")
        // CRLF line ends and trailing space are fine; a combining mark makes another word.
        #expect(RegoPolicyRules.firstViolation(in: "package caracal.authz\r\n\t# caracal:data-document \t\r\ngrants := {}") == nil)
        #expect(RegoPolicyRules.firstViolation(in: "package caracal.authz\n# caracal:data-document\u{301}\ngrants := {}")?.ruleID == "must_be_data_document")
        #expect(RegoPolicyRules.firstViolation(in: "package caracal.authz\n#\u{301} caracal:data-document\ngrants := {}")?.ruleID == "must_be_data_document")
    }

    @Test func dataDocumentMustNotDefineResult() {
        let violation = RegoPolicyRules.firstViolation(in: "# caracal:data-document\npackage caracal.authz\nresult := {}")
        #expect(violation == RegoRuleViolation(
            ruleID: "data_document_must_not_define_result",
            message: "A data document must not define 'result'; the platform contract defines it.",
            line: 3, column: 1))
        #expect(RegoPolicyRules.firstViolation(in: "# caracal:data-document\npackage caracal.authz\ndefault result := {}")?.ruleID
            == "data_document_must_not_define_result")
    }

    @Test func dataDocumentMustDefineData() {
        let violation = RegoPolicyRules.firstViolation(in: "# caracal:data-document\npackage caracal.authz\nimport future.keywords\n")
        #expect(violation?.ruleID == "data_document_must_define_data")
        #expect(violation?.message
            == "The data document defines no rules; define at least one of app_ids, grants, confinement, restrict, risk or approval_tiers.")
    }

    @Test func dataDocumentRuleNotAllowed() {
        let content = "# caracal:data-document\npackage caracal.authz\ngrants := {}\nfoo := {\n  \"bar\": 1\n}\nfoo := 2\nallow if { true }\n"
        let violations = RegoPolicyRules.allViolations(in: content)
        #expect(violations == [
            RegoRuleViolation(
                ruleID: "data_document_rule_not_allowed:foo",
                message: "Rule 'foo' is not allowed in a data document; define only app_ids, grants, confinement, restrict, risk or approval_tiers.",
                line: 4, column: 1),
            RegoRuleViolation(
                ruleID: "data_document_rule_not_allowed:allow",
                message: "Rule 'allow' is not allowed in a data document; define only app_ids, grants, confinement, restrict, risk or approval_tiers.",
                line: 8, column: 1),
        ])
    }

    @Test func everyAllowedRuleIsAccepted() {
        let content = "# caracal:data-document\npackage caracal.authz\n"
            + RegoPolicyRules.allowedRules.map { "\($0) := []" }.joined(separator: "\n")
        #expect(RegoPolicyRules.allViolations(in: content).isEmpty)
    }

    @Test func rulesArePrecedenceOrdered() {
        // Each document breaks this rule and every later one; the first reported is the earliest.
        let cases: [(String, String)] = [
            ("x := \"a\nresult := (", "unterminated_string"),
            ("x := (\nresult := http.send({})", "unbalanced_delimiters"),
            ("result := http.send({})", "missing_package_declaration"),
            ("package 9x\nresult := http.send({})", "invalid_package_name"),
            ("package other\nresult := http.send({})\nfoo := time.now_ns()", "forbidden_builtin:http.send"),
            ("package other\nresult := 1", "must_use_package_caracal_authz"),
            ("package caracal.authz\nresult := 1", "must_be_data_document"),
            ("# caracal:data-document\npackage caracal.authz\nfoo := 1\nresult := 1", "data_document_must_not_define_result"),
            ("# caracal:data-document\npackage caracal.authz\nfoo := 1", "data_document_rule_not_allowed:foo"),
        ]
        for (content, ruleID) in cases {
            #expect(RegoPolicyRules.firstViolation(in: content)?.ruleID == ruleID, "\(content)")
        }
        #expect(RegoPolicyRules.firstViolation(in: String(repeating: " ", count: 262_145))?.ruleID == "content_too_large")
    }

    @Test func allViolationsListsLaterRulesToo() {
        let ids = RegoPolicyRules.allViolations(in: "package other\nx := rand.intn(\"a\", 2) + time.now_ns()\n").map(\.ruleID)
        #expect(ids == [
            "forbidden_builtin:rand.intn", "forbidden_builtin:time.now_ns", "must_use_package_caracal_authz",
            "must_be_data_document", "data_document_rule_not_allowed:x",
        ])
    }

    @Test func violationsBecomeDiagnosticsWithTheRuleIDAsCode() {
        let violation = RegoRuleViolation(ruleID: "invalid_package_name", message: "'1a' is not a valid package name.", line: 1, column: 9)
        let diagnostic = violation.diagnostic(file: "policies/a.rego")
        #expect(diagnostic.code == "invalid_package_name")
        #expect(diagnostic.description == "policies/a.rego:1:9: error: '1a' is not a valid package name.")
        #expect(RegoRuleViolation(ruleID: "empty_policy", message: "The policy is empty.").diagnostic(file: "a.rego").location?.line == 1)
    }
}
