import Testing
@testable import Manifest

struct SuggestionTests {
    private func distance(_ a: String, _ b: String) -> Int {
        Suggestion.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: 10)
    }

    @Test func editDistanceCountsTranspositionsAsOneEdit() {
        #expect(distance("fiel", "file") == 1)
        #expect(distance("", "abc") == 3)
        #expect(distance("validate", "validate") == 0)
        #expect(distance("kitten", "sitting") == 3)
    }

    @Test func suggestsOnlyPlausibleTypos() {
        #expect(Suggestion.closest(to: "hepl", in: ["validate", "help"]) == "help")
        #expect(Suggestion.closest(to: "xyz", in: ["validate", "help"]) == nil)
        #expect(Suggestion.closest(to: "x", in: ["f", "v"]) == nil)
        #expect(Suggestion.closest(to: "upstream_ulr", in: ["upstream_url", "scopes"]) == "upstream_url")
        #expect(Suggestion.closest(to: "Resouce", in: ["Zone", "Resource", "Policy"]) == "Resource")
    }

    @Test func phraseFallsBackWhenNothingIsClose() {
        #expect(Suggestion.phrase(for: "scpoes", in: ["scopes"]) == "; did you mean 'scopes'?")
        #expect(Suggestion.phrase(for: "zzz", in: ["scopes"], otherwise: ".") == ".")
    }
}
