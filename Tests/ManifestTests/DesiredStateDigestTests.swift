import Testing
@testable import Manifest

struct DesiredStateDigestTests {
    /// Applications in one zone, enough for several pieces and windows of the parallel digest.
    static func desired(applications: Int, renamed: Int? = nil) -> DesiredState {
        var text = "apiVersion: caracal-apply/v1\nkind: Zone\nmetadata: {name: z}\nspec: {name: Z}\n"
        for index in 0..<applications {
            let name = index == renamed ? "renamed" : "agent-\(index)"
            text += "---\napiVersion: caracal-apply/v1\nkind: Application\nmetadata: {name: \(name), zone: z}\nspec: {traits: [t\(index % 7)]}\n"
        }
        let result = ManifestLoader(scope: VariableScope(environment: [:])).load([(file: "apps.yaml", bytes: Array(text.utf8))])
        #expect(result.diagnostics.map(\.description) == [])
        return result.desired
    }

    @Test(arguments: [0, 1, 255, 256, 257, 3_000])
    func digestIsTheHashOfEveryObjectsCanonicalLineInOrder(applications: Int) {
        let desired = Self.desired(applications: applications)
        var hasher = SHA256()
        for object in desired.objects { hasher.update(JSONWriter.compact(object.canonical) + "\n") }
        #expect(desired.objects.count == applications + 1)
        #expect(desired.digest == hasher.finalizeHex())
    }

    @Test func anEditAnywhereChangesTheDigest() {
        let original = Self.desired(applications: 3_000).digest
        #expect(Self.desired(applications: 3_000, renamed: 2_900).digest != original)
        #expect(Self.desired(applications: 3_000, renamed: 3).digest != original)
        #expect(Self.desired(applications: 3_000).digest == original)
    }

    @Test func parallelMapKeepsTheOrderOfItsIndices() {
        #expect(parallelMap(0) { $0 } == [])
        #expect(parallelMap(1) { $0 * 3 } == [0])
        #expect(parallelMap(1_000) { "\($0)" } == (0..<1_000).map { "\($0)" })
    }
}
