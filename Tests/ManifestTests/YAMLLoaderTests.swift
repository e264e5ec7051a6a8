import Testing
@testable import Manifest

struct YAMLLoaderTests {
    private func load(_ text: String, limits: YAMLLoader.Limits = .default) -> YAMLLoadResult {
        YAMLLoader.load(text, file: "caracal/test.yaml", limits: limits)
    }

    private func messages(_ result: YAMLLoadResult) -> [String] {
        result.diagnostics.map(\.description)
    }

    // MARK: - Positions

    @Test func locatesNodesInAMultiDocumentFile() throws {
        let result = YAMLLoader.load(try YAMLFixture.bytes("yaml/positions.yaml"), file: "caracal/positions.yaml")
        #expect(result.diagnostics.isEmpty)
        try #require(result.documents.count == 2)

        let zone = try #require(result.documents[0].root)
        #expect(result.documents[0].location == SourceLocation(file: "caracal/positions.yaml", line: 1, column: 1))
        #expect(zone.position == "1:1")
        #expect(zone.keys == ["apiVersion", "kind", "metadata"])
        #expect(zone.child("kind")?.position == "2:7")
        #expect(zone.child("kind")?.endPosition == "2:11")
        #expect(zone.child("metadata")?.position == "4:3")
        #expect(zone.child("metadata")?.child("name")?.position == "4:9")
        #expect(zone.child("metadata")?.child("name")?.endPosition == "4:19")

        let application = try #require(result.documents[1].root)
        #expect(result.documents[1].location.line == 5)
        #expect(application.position == "6:1")
        let traits = try #require(application.child("metadata")?.child("traits"))
        #expect(traits.position == "9:11")
        #expect(traits.endPosition == "9:29")
        #expect(traits.item(1)?.position == "9:20")
        #expect(traits.item(1)?.text == "writer")
        #expect(traits.location.file == "caracal/positions.yaml")
    }

    @Test func countsColumnsInUnicodeScalars() throws {
        let result = load("name: \"é€😀\"\nnext: x\nthird: [é, y]\n")
        let root = try #require(result.documents.first?.root)
        #expect(root.child("name")?.endPosition == "1:12")
        #expect(root.child("third")?.item(1)?.position == "3:12")
    }

    @Test func bytesAndTextGiveTheSameTree() throws {
        let text = "a: [1, {b: c}]\n---\n- x\n"
        let fromText = load(text)
        let fromBytes = YAMLLoader.load(Array(text.utf8), file: "caracal/test.yaml")
        #expect(fromText.documents == fromBytes.documents)
        #expect(fromText.documents.count == 2)
    }

    // MARK: - Styles and tags

    @Test func keepsScalarStylesAndExplicitTags() throws {
        let text = """
        plain: one
        single: 'two'
        double: "three"
        literal: |
          four
          lines
        folded: >
          five
          words
        typed: !!str 6
        custom: !custom seven
        list: !!seq [a]
        """
        let root = try #require(load(text).documents.first?.root)
        #expect(root.child("plain")?.content == .scalar("one", .plain))
        #expect(root.child("single")?.content == .scalar("two", .singleQuoted))
        #expect(root.child("double")?.content == .scalar("three", .doubleQuoted))
        #expect(root.child("literal")?.content == .scalar("four\nlines\n", .literal))
        #expect(root.child("folded")?.content == .scalar("five words\n", .folded))
        #expect(root.child("plain")?.tag == nil)
        #expect(root.child("double")?.tag == nil)
        #expect(root.child("typed")?.tag == "tag:yaml.org,2002:str")
        #expect(root.child("typed")?.text == "6")
        #expect(root.child("custom")?.tag == "!custom")
        #expect(root.child("list")?.tag == "tag:yaml.org,2002:seq")
    }

    // MARK: - Duplicate keys

    @Test func rejectsDuplicateKeysAtTheSecondKey() throws {
        let text = """
        kind: Zone
        metadata:
          name: production
          zone: eu
          name: staging
        """
        let result = load(text)
        #expect(messages(result) == [
            "caracal/test.yaml:5:3: error: Duplicate key 'name' in this mapping; it was first given at line 3.",
        ])
        #expect(result.diagnostics.first?.code == "duplicate_key")
        #expect(result.hasErrors)
        // The first value is kept, so later checks see one consistent object.
        let metadata = try #require(result.documents.first?.root?.child("metadata"))
        #expect(metadata.keys == ["name", "zone"])
        #expect(metadata.child("name")?.text == "production")
    }

    @Test func quotedAndPlainKeysWithTheSameTextClash() {
        let result = load("name: a\n\"name\": b\nother: {x: 1, 'x': 2}\n")
        #expect(messages(result) == [
            "caracal/test.yaml:2:1: error: Duplicate key 'name' in this mapping; it was first given at line 1.",
            "caracal/test.yaml:3:15: error: Duplicate key 'x' in this mapping; it was first given at line 3.",
        ])
    }

    @Test func findsDuplicatesInLargeMappings() {
        var lines = (0..<50).map { "key\($0): \($0)" }
        lines.append("key7: again")
        lines.append("key49: again")
        let result = load(lines.joined(separator: "\n"))
        #expect(messages(result) == [
            "caracal/test.yaml:51:1: error: Duplicate key 'key7' in this mapping; it was first given at line 8.",
            "caracal/test.yaml:52:1: error: Duplicate key 'key49' in this mapping; it was first given at line 50.",
        ])
    }

    @Test func sameKeysInDifferentMappingsAreFine() {
        let result = load("a: {name: x}\nb: {name: y}\n---\na: 1\n")
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.count == 2)
    }

    // MARK: - Aliases and merge keys

    @Test func aliasCopiesTheAnchoredNodeAtTheAliasPosition() throws {
        let result = YAMLLoader.load(try YAMLFixture.bytes("yaml/anchors.yaml"), file: "anchors.yaml")
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.documents.first?.root)
        let defaults = try #require(root.child("defaults"))
        let settings = try #require(root.child("customers")?.item(1)?.child("settings"))
        #expect(settings == defaults)
        // The copy sits where `*defaults` is written; its contents point at their definitions.
        #expect(settings.position == "10:15")
        #expect(settings.endPosition == "10:24")
        #expect(settings.child("scopes")?.position == defaults.child("scopes")?.position)
        #expect(settings.child("scopes")?.position == "2:11")
    }

    @Test func mergeKeysAddKeysTheMappingDoesNotGive() throws {
        let result = YAMLLoader.load(try YAMLFixture.bytes("yaml/anchors.yaml"), file: "anchors.yaml")
        let hooli = try #require(result.documents.first?.root?.child("customers")?.item(0))
        #expect(hooli.keys == ["name", "scopes", "upstream_url", "provider"])
        #expect(hooli.child("provider")?.text == "hooli-mandate")
        #expect(hooli.child("provider")?.position == "8:15")
        #expect(hooli.child("upstream_url")?.position == "3:17")
    }

    @Test func mergeListGivesEarlierSourcesPrecedence() throws {
        let text = """
        a: &a {x: 1, y: 1}
        b: &b {y: 2, z: 2}
        c:
          z: 3
          <<: [*a, *b]
          w: 3
        """
        let result = load(text)
        #expect(result.diagnostics.isEmpty)
        let c = try #require(result.documents.first?.root?.child("c"))
        #expect(c.keys == ["z", "x", "y", "w"])
        #expect(c.child("x")?.text == "1")
        #expect(c.child("y")?.text == "1")
        #expect(c.child("z")?.text == "3")
    }

    @Test func quotedMergeKeyIsAnOrdinaryKey() throws {
        let root = try #require(load("a: &a {x: 1}\nb: {'<<': *a}\n").documents.first?.root)
        #expect(root.child("b")?.keys == ["<<"])
    }

    @Test func mergeOfAScalarIsAnError() {
        let result = load("a: &a text\nb:\n  <<: *a\n  c: [1]\nd: {<<: [{x: 1}, 2]}\n")
        #expect(messages(result) == [
            "caracal/test.yaml:3:7: error: The merge key '<<' needs a mapping or a list of mappings (such as '*defaults'), but its value is a scalar.",
            "caracal/test.yaml:5:18: error: A merge key '<<' list may hold only mappings (such as '*defaults'), but this item is not a mapping.",
        ])
        #expect(result.diagnostics.allSatisfy { $0.code == "invalid_merge" })
    }

    @Test func undefinedAliasIsAnError() {
        let result = load("kind: Zone\n---\nname: *missing\n---\nkind: Policy\n")
        #expect(messages(result) == [
            "caracal/test.yaml:3:7: error: The alias '*missing' refers to no anchor '&missing' defined before it in this document. Define the anchor on a node above the alias, in the same document.",
        ])
        #expect(result.diagnostics.first?.code == "undefined_alias")
        // The broken document is dropped; its neighbours load.
        #expect(result.documents.map { $0.root?.child("kind")?.text } == ["Zone", "Policy"])
    }

    @Test func anchorsDoNotCrossDocuments() {
        let result = load("a: &x 1\n---\nb: *x\n")
        #expect(result.diagnostics.map(\.code) == ["undefined_alias"])
    }

    @Test func aliasBombFailsFastWithTheExpansionLimit() {
        var lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("a\(level): &a\(level) [\(refs)]")
        }
        let clock = ContinuousClock()
        var result = YAMLLoadResult(documents: [], diagnostics: [])
        let elapsed = clock.measure { result = load(lines.joined(separator: "\n")) }
        #expect(elapsed < .seconds(1))
        #expect(result.documents.isEmpty)
        #expect(messages(result) == [
            "caracal/test.yaml:5:45: error: Aliases in this document expand to more than 100000 nodes, the limit. Write the repeated values out, or alias smaller parts.",
        ])
        #expect(result.diagnostics.first?.code == "alias_expansion_limit")
    }

    @Test func aliasExpansionBelowTheLimitLoads() throws {
        let limits = YAMLLoader.Limits(maxAliasExpansion: 4)
        let ok = load("a: &a [1, 2]\nb: *a\n", limits: limits)
        #expect(ok.diagnostics.isEmpty)
        let tooMany = load("a: &a [1, 2]\nb: *a\nc: *a\n", limits: limits)
        #expect(tooMany.diagnostics.map(\.code) == ["alias_expansion_limit"])
        #expect(tooMany.diagnostics.first?.location?.line == 3)
    }

    // MARK: - Limits

    @Test func nestingPastTheLimitIsAnErrorAtTheDeepNode() {
        let limits = YAMLLoader.Limits(maxNestingDepth: 3)
        #expect(load("a: {b: [c]}\n", limits: limits).diagnostics.isEmpty)
        let result = load("ok: 1\n---\na:\n  b:\n    - [deep]\n---\nlater: 1\n", limits: limits)
        #expect(messages(result) == [
            "caracal/test.yaml:5:7: error: Collections here are nested more than 3 levels deep, the limit. Flatten the structure.",
        ])
        #expect(result.diagnostics.first?.code == "nesting_too_deep")
        // A broken limit ends loading; documents completed before it are kept.
        #expect(result.documents.map { $0.root?.keys } == [["ok"]])
    }

    @Test func aliasesCountTowardsNesting() {
        let limits = YAMLLoader.Limits(maxNestingDepth: 3)
        let result = load("a: &a [[x]]\nb: [*a]\n", limits: limits)
        #expect(result.diagnostics.map(\.code) == ["nesting_too_deep"])
        #expect(result.diagnostics.first?.location?.line == 2)
    }

    @Test func tenThousandOpenBracketsStopAtTheDefaultDepth() {
        // libyaml's scanner is quadratic in flow depth; stopping at the limit keeps this fast.
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n---\nnext: 1\n"
        var result = YAMLLoadResult(documents: [], diagnostics: [])
        let elapsed = ContinuousClock().measure { result = load(text) }
        #expect(elapsed < .milliseconds(200))
        #expect(result.documents.isEmpty)
        #expect(result.diagnostics.first?.code == "nesting_too_deep")
        #expect(result.diagnostics.first?.location?.column == 65)
    }

    @Test func fileLargerThanTheLimitIsRejectedAtTheStart() {
        let limits = YAMLLoader.Limits(maxFileBytes: 16)
        let result = load("kind: Zone\nmetadata: {name: x}\n", limits: limits)
        #expect(result.documents.isEmpty)
        #expect(messages(result) == [
            "caracal/test.yaml:1:1: error: This file is 31 bytes long, over the limit of 16 bytes. Split its documents across several smaller files.",
        ])
        #expect(result.diagnostics.first?.code == "file_too_large")
        #expect(load("kind: Zone\n", limits: limits).diagnostics.isEmpty)
    }

    @Test func scalarLongerThanTheLimitIsAnError() {
        let limits = YAMLLoader.Limits(maxScalarBytes: 1024)
        let text = "ok: " + String(repeating: "x", count: 1024) + "\nbig: " + String(repeating: "y", count: 1025) + "\n"
        let result = load(text, limits: limits)
        #expect(messages(result) == [
            "caracal/test.yaml:2:6: error: This scalar is 1025 bytes long, over the limit of 1 KiB. Keep large content in its own file and refer to it with ${file:PATH}.",
        ])
        #expect(result.diagnostics.first?.code == "scalar_too_large")
    }

    @Test func describesByteCountsInTheLargestExactUnit() {
        #expect(YAMLLoader.Limits.describe(bytes: 32 * 1024 * 1024) == "32 MiB")
        #expect(YAMLLoader.Limits.describe(bytes: 3 * 1024) == "3 KiB")
        #expect(YAMLLoader.Limits.describe(bytes: 1500) == "1500 bytes")
        #expect(YAMLLoader.Limits.describe(bytes: 1) == "1 byte")
    }

    @Test func defaultLimitsAreThoseOfTheSpecification() {
        let limits = YAMLLoader.Limits.default
        #expect(limits.maxFileBytes == 33_554_432)
        #expect(limits.maxNestingDepth == 64)
        #expect(limits.maxAliasExpansion == 100_000)
        #expect(limits.maxScalarBytes == 1_048_576)
    }

    // MARK: - Syntax errors

    @Test func syntaxErrorGivesLibyamlsProblemAtItsPosition() {
        let text = """
        kind: Zone
        metadata:
          name: production
         zone: eu
        """
        let result = load(text)
        #expect(messages(result) == [
            "caracal/test.yaml:4:2: error: YAML syntax error: did not find expected key while parsing a block mapping that starts at line 1, column 1.",
        ])
        #expect(result.diagnostics.first?.code == "yaml_syntax")
    }

    @Test func syntaxErrorWithoutContext() {
        let result = load("a: b: c\n")
        #expect(messages(result) == [
            "caracal/test.yaml:1:5: error: YAML syntax error: mapping values are not allowed in this context.",
        ])
    }

    @Test func unterminatedQuoteIsReportedWithWhereItStarted() {
        let result = load("name: \"open\nnext: 1\n")
        #expect(messages(result) == [
            "caracal/test.yaml:3:1: error: YAML syntax error: found unexpected end of stream while scanning a quoted scalar that starts at line 1, column 7.",
        ])
    }

    @Test func documentsBeforeASyntaxErrorAreKept() {
        let result = load("kind: Zone\n---\nkind: Application\n---\nkind: [Policy\n---\nkind: Resource\n")
        #expect(result.documents.map { $0.root?.child("kind")?.text } == ["Zone", "Application"])
        #expect(result.diagnostics.map(\.code) == ["yaml_syntax"])
    }

    @Test func invalidUTF8IsALocatedError() {
        var bytes = Array("kind: Zone\nname: ab".utf8)
        bytes.append(0xFF)
        bytes.append(contentsOf: Array("c\n".utf8))
        let result = YAMLLoader.load(bytes, file: "bad.yaml")
        #expect(result.diagnostics.map(\.description) == [
            "bad.yaml:2:9: error: YAML syntax error: invalid leading UTF-8 octet (byte 0xFF). Save the file as UTF-8.",
        ])
        #expect(result.documents.isEmpty)
    }

    @Test func truncatedUTF8SequenceIsALocatedError() {
        let bytes = Array("é: x\ny: \u{E9}".utf8).dropLast()
        let result = YAMLLoader.load(Array(bytes), file: "bad.yaml")
        #expect(result.diagnostics.map(\.description) == [
            "bad.yaml:2:4: error: YAML syntax error: incomplete UTF-8 octet sequence. Save the file as UTF-8.",
        ])
    }

    @Test func nulByteIsALocatedError() {
        let bytes = Array("kind: Zone\nna".utf8) + [0] + Array("me: x\n".utf8)
        let result = YAMLLoader.load(bytes, file: "nul.yaml")
        #expect(result.diagnostics.map(\.description) == [
            "nul.yaml:2:3: error: YAML syntax error: control characters are not allowed (U+0000).",
        ])
    }

    // MARK: - Document shapes

    @Test func emptyInputHasNoDocuments() {
        let result = load("")
        #expect(result.documents.isEmpty)
        #expect(result.diagnostics.isEmpty)
        #expect(!result.hasErrors)
        #expect(load("# only a comment\n").documents.isEmpty)
    }

    @Test func emptyDocumentsHaveNoRoot() {
        let result = load("---\n---\n# nothing\n---\nkind: Zone\n")
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.count == 3)
        #expect(result.documents[0].root == nil)
        #expect(result.documents[1].root == nil)
        #expect(result.documents[1].location.line == 2)
        #expect(result.documents[2].root?.child("kind")?.text == "Zone")
    }

    @Test func documentThatIsJustAScalar() throws {
        let result = load("--- hello\n...\n--- ''\n")
        #expect(result.diagnostics.isEmpty)
        try #require(result.documents.count == 2)
        #expect(result.documents[0].root?.content == .scalar("hello", .plain))
        #expect(result.documents[0].root?.position == "1:5")
        // An explicitly empty string is content, unlike an empty document.
        #expect(result.documents[1].root?.content == .scalar("", .singleQuoted))
    }

    @Test func windowsLineEndingsCountAsOneBreak() throws {
        let root = try #require(load("a: 1\r\nb: 2\r\n").documents.first?.root)
        #expect(root.child("b")?.position == "2:4")
    }
}

extension YAMLLoaderTests {
    @Test func byteOrderMarkDoesNotShiftColumns() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("kind: Zone\nname: x\n".utf8)
        let result = YAMLLoader.load(bytes, file: "bom.yaml")
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.documents.first?.root)
        #expect(root.child("kind")?.position == "1:7")
        #expect(root.child("name")?.position == "2:7")
    }

    @Test func utf16FileIsReportedAsNotUTF8() {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("k".utf8) + [0]
        let result = YAMLLoader.load(bytes, file: "utf16.yaml")
        #expect(result.diagnostics.map(\.description) == [
            "utf16.yaml:1:1: error: YAML syntax error: invalid leading UTF-8 octet (byte 0xFF). Save the file as UTF-8.",
        ])
    }

    @Test func aliasInsideItsOwnAnchorIsAnError() {
        let result = load("a: &loop [1, *loop]\n")
        #expect(messages(result) == [
            "caracal/test.yaml:1:14: error: The alias '*loop' is inside the node anchored '&loop' that it refers to; a node cannot contain itself.",
        ])
        #expect(result.diagnostics.first?.code == "recursive_alias")
    }
}
