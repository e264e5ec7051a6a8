import Foundation
import TestSupport
import Testing
@testable import CaracalApplyCLI

/// `-f` resolution: directories are searched for *.yaml/*.yml, sorted, hidden entries skipped.
struct ManifestPathsTests {
    @Test func directoryGivesEveryManifestBelowItSorted() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for path in ["m/zones.yaml", "m/b/policies.yml", "m/a/apps.YAML", "m/README.md", "m/a/notes.txt", "m/z.yaml"] {
            try directory.write(path)
        }
        let files = try ManifestPaths.resolve(["m"], currentDirectory: directory.path)
        #expect(files.map(\.path) == ["m/a/apps.YAML", "m/b/policies.yml", "m/z.yaml", "m/zones.yaml"])
        #expect(files.first?.url.path == directory.path + "/m/a/apps.YAML")
    }

    @Test func hiddenFoldersAndFilesAreSkipped() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("m/.git/config.yaml")
        try directory.write("m/.hidden/deep/x.yaml")
        try directory.write("m/.#lock.yaml")
        try directory.write("m/visible.yaml")
        #expect(try ManifestPaths.resolve(["m"], currentDirectory: directory.path).map(\.path) == ["m/visible.yaml"])
    }

    @Test func namedFileIsTakenWhateverItsExtension() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("prod.manifest")
        try directory.write(".secret.yaml")
        let files = try ManifestPaths.resolve(["prod.manifest", ".secret.yaml"], currentDirectory: directory.path)
        #expect(files.map(\.path) == [".secret.yaml", "prod.manifest"])
    }

    @Test func pathsMixTheUsersSpellingAndAreDeduplicated() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("m/a.yaml")
        try directory.write("m/b.yaml")
        let files = try ManifestPaths.resolve(["m/b.yaml", "m/", "m"], currentDirectory: directory.path)
        #expect(files.map(\.path) == ["m/a.yaml", "m/b.yaml"])
    }

    @Test func absolutePathsWorkFromAnyDirectory() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("x/one.yml")
        let files = try ManifestPaths.resolve([directory.path + "/x"], currentDirectory: "/")
        #expect(files.map(\.path) == [directory.path + "/x/one.yml"])
    }

    @Test func defaultDirectoryIsCaracal() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("caracal/zone.yaml")
        try directory.write("other/ignored.yaml")
        #expect(try ManifestPaths.resolve([], currentDirectory: directory.path).map(\.path) == ["caracal/zone.yaml"])
    }

    @Test func missingDefaultDirectorySaysHowToFixIt() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(throws: ManifestPathError.defaultDirectoryMissing) { try ManifestPaths.resolve([], currentDirectory: directory.path) }
        #expect(ManifestPathError.defaultDirectoryMissing.description
            == "No manifests: the directory './caracal/' does not exist. Create it, or name files or directories with -f PATH.")
    }

    @Test func missingPathIsReportedByName() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("a.yaml")
        #expect(throws: ManifestPathError.missing(path: "nope.yaml")) {
            try ManifestPaths.resolve(["a.yaml", "nope.yaml"], currentDirectory: directory.path)
        }
        #expect(ManifestPathError.missing(path: "nope.yaml").description == "No such file or directory: 'nope.yaml'.")
    }

    @Test func directoryWithoutManifestsIsAnError() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("empty/README.md")
        #expect(throws: ManifestPathError.noManifests(paths: ["empty"])) {
            try ManifestPaths.resolve(["empty"], currentDirectory: directory.path)
        }
        #expect(ManifestPathError.noManifests(paths: ["empty"]).description == "No *.yaml or *.yml files in 'empty'.")
    }

    @Test func symbolicLinkCyclesAreReadOnce() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("m/a.yaml")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/m/loop", withDestinationPath: directory.path + "/m")
        #expect(try ManifestPaths.resolve(["m"], currentDirectory: directory.path).map(\.path) == ["m/a.yaml"])
    }
}
