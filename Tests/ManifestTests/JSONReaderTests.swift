import Testing
@testable import Manifest

struct JSONReaderTests {
    private func read(_ text: String) throws(JSONSyntaxError) -> RegoValue {
        try RegoValue(jsonBytes: Array(text.utf8))
    }

    private func failure(_ bytes: [UInt8], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> JSONSyntaxError? {
        do {
            let value = try RegoValue(jsonBytes: bytes)
            Issue.record("expected an error, read \(value)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    private func failure(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> JSONSyntaxError? {
        failure(Array(text.utf8), sourceLocation: sourceLocation)
    }

    @Test func readsEveryKindOfValue() throws {
        let value = try read(#" {"a": [1, -2.5e3, true, false, null, "x", {}, []], "b": {"c": "d"}} "#)
        #expect(value == .object([
            "a": .array([.int(1), .number(RegoNumber(literal: "-2.5e3")!), .bool(true), .bool(false), .null, .string("x"), .object([:]), .array([])]),
            "b": .object(["c": .string("d")]),
        ]))
        #expect(try read("0") == .int(0))
        #expect(try read("\"\"") == .string(""))
    }

    @Test func nestedObjectsAndArraysKeepTheirOwnMembers() throws {
        let value = try read(#"{"a": {"a": 1, "b": [{"a": 2}, [3, [4]], 5]}, "b": [6, {"b": 7}], "c": 8}"#)
        #expect(value == .object([
            "a": .object(["a": .int(1), "b": .array([.object(["a": .int(2)]), .array([.int(3), .array([.int(4)])]), .int(5)])]),
            "b": .array([.int(6), .object(["b": .int(7)])]),
            "c": .int(8),
        ]))
    }

    @Test func numbersKeepTheirLiteralAndValue() throws {
        let cases: [(String, Double)] = [
            ("1800.0", 1800), ("-0", 0), ("1E+2", 100), ("123456789012345", 123_456_789_012_345),
            ("-1234567890123456", -1_234_567_890_123_456), ("9007199254740993", 9_007_199_254_740_992),
            ("18446744073709551616", 18_446_744_073_709_551_616), ("0.1", 0.1),
        ]
        for (literal, number) in cases {
            guard case .number(let parsed) = try read(literal) else {
                Issue.record("\(literal) is not a number")
                continue
            }
            #expect(parsed.literal == literal)
            #expect(parsed.value == number, "\(literal)")
        }
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try read(#""q\" b\\ s\/ \b\f\n\r\t \u00e9 \uD83D\uDE00 \u2028 \u0000""#)
        #expect(value == .string("q\" b\\ s/ \u{08}\u{0C}\n\r\t é 😀 \u{2028} \u{00}"))
    }

    @Test func readsRawUTF8() throws {
        #expect(try read("\"é中😀\u{10FFFF}\"") == .string("é中😀\u{10FFFF}"))
    }

    @Test func readsFromStringsAndBuffers() throws {
        #expect(try JSONReader.value(from: "[1]") == .array([.int(1)]))
        let bytes = Array("{\"k\":true}".utf8)
        let value = try bytes.withUnsafeBufferPointer { buffer in try JSONReader.value(from: buffer) }
        #expect(value == .object(["k": .bool(true)]))
    }

    @Test func reportsSyntaxErrorsWithPositions() {
        let cases: [(String, String, Int, Int)] = [
            ("", "Expected a value, found the end of the input.", 1, 1),
            ("  \n ", "Expected a value, found the end of the input.", 2, 2),
            ("[1, 2,]", "Expected a value, found ']'.", 1, 7),
            ("{\"a\": 1,}", "Expected a string key in the object, found '}'.", 1, 9),
            ("{\"a\" 1}", "Expected ':' after the object key, found '1'.", 1, 6),
            ("{1: 2}", "Expected a string key in the object, found '1'.", 1, 2),
            ("{'a': 2}", "Expected a string key in the object, found '''.", 1, 2),
            ("[1 2]", "Expected ',' or ']' in the array, found '2'.", 1, 4),
            ("{\"a\": 1 \"b\": 2}", "Expected ',' or '}' in the object, found '\"'.", 1, 9),
            ("[1", "Expected ',' or ']' in the array, found the end of the input.", 1, 3),
            ("{\n  \"a\": \"abc\n}", "Control character U+000A must be escaped in a string.", 2, 12),
            ("\"abc", "The string is not terminated.", 1, 1),
            ("\"a\tb\"", "Control character U+0009 must be escaped in a string.", 1, 3),
            ("\"\\x\"", "Invalid escape sequence '\\x' in a string.", 1, 2),
            ("\"\\u12G4\"", "Expected four hexadecimal digits after '\\u'.", 1, 2),
            ("\"\\uD800\"", "The escape '\\uD800' is a high surrogate without a low surrogate after it.", 1, 2),
            ("\"\\uD800\\u0041\"", "The escape '\\uD800' is a high surrogate without a low surrogate after it.", 1, 2),
            ("\"\\uDC00\"", "The escape '\\uDC00' is a low surrogate without a high surrogate before it.", 1, 2),
            ("01", "Numbers must not have leading zeros.", 1, 1),
            ("-", "Expected a digit after '-', found the end of the input.", 1, 2),
            ("-a", "Expected a digit after '-', found 'a'.", 1, 2),
            ("1.", "Expected a digit after the decimal point, found the end of the input.", 1, 3),
            ("1e+", "Expected a digit in the exponent, found the end of the input.", 1, 4),
            ("+1", "Expected a value, found '+'.", 1, 1),
            ("1e400", "The number 1e400 is too large.", 1, 1),
            ("tru", "Invalid literal; expected 'true'.", 1, 1),
            ("nul", "Invalid literal; expected 'null'.", 1, 1),
            ("True", "Expected a value, found 'T'.", 1, 1),
            ("{} {}", "Unexpected '{' after the JSON value.", 1, 4),
            ("[\"é😀\", x]", "Expected a value, found 'x'.", 1, 8),
            ("{\"a\": 1, \"b\": 2, \"a\": 3}", "Duplicate key \"a\" in the object.", 1, 18),
        ]
        for (text, message, line, column) in cases {
            let error = failure(text)
            #expect(error?.message == message, "\(text)")
            #expect(error?.line == line && error?.column == column, "\(text): \(String(describing: error))")
        }
    }

    @Test func rejectsInvalidUTF8() {
        let cases: [([UInt8], String, Int)] = [
            ([0x22, 0xC0, 0x80, 0x22], "Invalid UTF-8: byte 0xC0 cannot start a character.", 2),
            ([0x22, 0x61, 0xED, 0xA0, 0x80, 0x22], "Invalid UTF-8: byte 0xA0 cannot continue the character that starts here.", 3),
            ([0x22, 0xE0, 0x80, 0x80, 0x22], "Invalid UTF-8: byte 0x80 cannot continue the character that starts here.", 2),
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "Invalid UTF-8: byte 0x90 cannot continue the character that starts here.", 2),
            ([0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], "Invalid UTF-8: byte 0xF5 cannot start a character.", 2),
            ([0x22, 0x80, 0x22], "Invalid UTF-8: byte 0x80 cannot start a character.", 2),
            ([0x22, 0xE2, 0x82], "Invalid UTF-8: the input ends inside a character.", 2),
            ([0x22, 0x5C, 0x6E, 0xC3, 0x28, 0x22], "Invalid UTF-8: byte 0x28 cannot continue the character that starts here.", 4),
            ([0xC3, 0xA9], "Expected a value, found byte 0xC3.", 1),
        ]
        for (bytes, message, column) in cases {
            let error = failure(bytes)
            #expect(error?.message == message, "\(bytes)")
            #expect(error?.column == column, "\(bytes)")
        }
    }

    @Test func boundsNestingDepth() throws {
        let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try read(deepest) }
        let tooDeep = String(repeating: "[{\"a\":", count: 300) + "1" + String(repeating: "}]", count: 300)
        let error = failure(tooDeep)
        #expect(error?.message == "The JSON is nested more than 512 levels deep.")
        #expect(error?.column == 1 + 6 * 256)
    }

    @Test func errorsBecomeJSONSyntaxDiagnostics() {
        let error = failure("{\n  \"a\": tru\n}")
        let diagnostic = error?.diagnostic(file: "input.json")
        #expect(diagnostic?.code == "json_syntax")
        #expect(diagnostic?.description == "input.json:2:8: error: Invalid literal; expected 'true'.")
        #expect(error?.description == "2:8: Invalid literal; expected 'true'.")
        #expect(error?.offset == 9)
    }

    @Test func membersComeInTextOrderAndMatchTheObject() throws {
        let members = try JSONReader.members(from: Array(#" {"b": [1], "a": {"c": null}, "é": "x"} "#.utf8))
        #expect(members.map(\.key) == ["b", "a", "é"])
        #expect(members.map(\.value) == [.array([.int(1)]), .object(["c": .null]), .string("x")])
        #expect(try JSONReader.members(from: Array("{}".utf8)).isEmpty)
        var generator = RegoValueGenerator(seed: 7)
        var objects = 0
        while objects < 100 {
            guard case .object(let object) = generator.value(), !object.isEmpty else { continue }
            objects += 1
            let text = Array(JSONWriter.compact(.object(object)).utf8)
            let read = try JSONReader.members(from: text)
            #expect(read.map(\.key) == RegoValue.sortedMembers(object).map(\.key))
            #expect(.object(Dictionary(uniqueKeysWithValues: read.map { ($0.key, $0.value) })) == (try JSONReader.value(from: text)))
        }
    }

    @Test func membersRefuseDuplicatesAndOtherValues() {
        let cases: [(String, String, Int)] = [
            (#"{"a": 1, "b": 2, "a": 3}"#, "Duplicate key \"a\" in the object.", 18),
            (#"{"a": 1, "b": 2, "b": 3}"#, "Duplicate key \"b\" in the object.", 18),
            (#"{"b": 1, "a": {"x": 1, "x": 2}}"#, "Duplicate key \"x\" in the object.", 24),
            ("[1]", "Expected a JSON object, found '['.", 1),
            (#"{"a": 1} 2"#, "Unexpected '2' after the JSON value.", 10),
        ]
        for (text, message, column) in cases {
            do {
                let members = try JSONReader.members(from: Array(text.utf8))
                Issue.record("expected an error for \(text), read \(members)")
            } catch {
                #expect(error.message == message, "\(text)")
                #expect(error.column == column, "\(text)")
            }
        }
    }
}
