import Testing
@testable import Manifest

struct RedactionTests {
    private func masked(_ text: String) -> String {
        Redaction.apply(Redaction.literalSecrets(in: text), to: text)
    }

    @Test func literalSecretValuesAreMaskedWhateverTheYAMLLooksLike() {
        #expect(masked("  api_key: sk-live-123\n") == "  api_key: ***********\n")
        #expect(masked("secrets: {password: hunter2, other: x}\n") == "secrets: {password: *******, other: x}\n")
        #expect(masked("  bearer_token: \"abc\" # note\n") == "  bearer_token: ***** # note\n")
        // Broken YAML: the line still never shows the value.
        #expect(masked("  api_key: TopSecret: x\n") == "  api_key: ************\n")
    }

    @Test func referencesAndOtherKeysAreLeftAlone() {
        let text = "  api_key: ${env:KEY}\n  header_name: X-Api-Key\n  my_password_hint: x\n"
        #expect(masked(text) == text)
    }

    @Test func blockScalarSecretsAreMaskedLineByLine() {
        let text = "secrets:\n  private_key: |\n    -----BEGIN KEY-----\n    abc\n  other: 1\n"
        #expect(masked(text) == "secrets:\n  private_key: |\n    *******************\n    ***\n  other: 1\n")
    }

    @Test func aSyntaxErrorNextToALiteralSecretDoesNotEchoIt() {
        let text = "apiVersion: caracal-apply/v1\nkind: Provider\nmetadata: {name: p, zone: z}\nspec:\n  secrets:\n    api_key: TopSecretLiteral123: x\n"
        let result = ManifestLoader().load([(file: "p.yaml", bytes: Array(text.utf8))])
        #expect(result.hasErrors)
        let printed = DiagnosticRenderer(sources: result.sources).text(result.diagnostics)
        #expect(!printed.contains("TopSecretLiteral123"), "\(printed)")
    }
}
