import CaracalRuntime
import Foundation
import Manifest
import Testing
@testable import CaracalRuntimeEmbedded

struct DurabilityTests {
    /// The journal's records: its bytes up to the preallocated zeros.
    private func journalData(_ directory: TemporaryDirectory) throws -> Data {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: directory.file("journal.jsonl")))
        return bytes.prefix(while: { $0 != 0 })
    }

    /// A zone, a provider with a secret, an app, a resource, a policy and an active set.
    private func populate(_ runtime: EmbeddedRuntime, secret: String = "populate-secret-value") async throws -> String {
        let zone = try await runtime.makeZone("prod")
        let provider = try await runtime.makeProvider(zone: zone, "provider://p", secret: secret)
        _ = try await runtime.create(.application, zoneID: zone, body: ["name": .string("app"), "registration_method": .string("managed")])
        _ = try await runtime.create(.resource, zoneID: zone, body: EmbeddedRuntime.resourceBody("resource://r", provider: provider))
        let policy = try await runtime.create(.policy, zoneID: zone, body: ["name": .string("p"), "content": .string(dataPolicy())])
        let set = try await runtime.create(.policySet, zoneID: zone, body: ["name": .string("s")])
        let version = try await runtime.addPolicySetVersion(zoneID: zone, policySetID: set.id, policyVersionIDs: [policy.string("version_id")!])
        _ = try await runtime.activate(zoneID: zone, policySetID: set.id, versionID: version.string("version_id")!)
        return zone
    }

    /// Every object the runtime lists, with policy details, by fingerprint.
    private func fingerprints(_ runtime: EmbeddedRuntime) async throws -> [String] {
        var prints: [String] = []
        for zone in try await runtime.list(.zone, zoneID: nil) {
            prints.append(zone.fingerprint)
            for kind in ManifestKind.allCases where kind != .zone {
                for object in try await runtime.list(kind, zoneID: zone.id) {
                    prints.append(try await runtime.get(kind, id: object.id, zoneID: zone.id).fingerprint)
                }
            }
        }
        return prints
    }

    @Test func reopenAfterCloseSeesTheSameState() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        _ = try await populate(runtime)
        let before = try await fingerprints(runtime)
        try await runtime.close()
        #expect(FileManager.default.fileExists(atPath: directory.file("state.json")))
        #expect(try journalData(directory).isEmpty)
        let reopened = try EmbeddedRuntime.open(directory: directory.path)
        #expect(try await fingerprints(reopened) == before)
        try await reopened.close()
    }

    @Test func theStoresOwnFieldsNeverLeaveIt() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await populate(runtime)
        var objects = try await runtime.list(.zone, zoneID: nil)
        for kind in ManifestKind.allCases where kind != .zone {
            for object in try await runtime.list(kind, zoneID: zone) {
                objects.append(object)
                objects.append(try await runtime.get(kind, id: object.id, zoneID: zone))
            }
        }
        #expect(objects.count > 10)
        #expect(objects.allSatisfy { !$0.fields.keys.contains(where: { $0.hasPrefix("$") }) })
        try await runtime.close()
    }

    @Test func reopenReplaysTheJournalWithoutACheckpoint() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        _ = try await populate(runtime)
        let before = try await fingerprints(runtime)
        await runtime.abandonWithoutCheckpoint()
        #expect(!FileManager.default.fileExists(atPath: directory.file("state.json")))
        let reopened = try EmbeddedRuntime.open(directory: directory.path)
        #expect(try await fingerprints(reopened) == before)
        // New writes continue the sequence after the replayed records.
        _ = try await reopened.makeZone("after")
        await reopened.abandonWithoutCheckpoint()
        let again = try EmbeddedRuntime.open(directory: directory.path)
        #expect(try await again.list(.zone, zoneID: nil).count == 2)
        try await again.close()
    }

    @Test func secretsNeverReachTheStateFiles() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let secret = "tr0ub4dor-and-3-horses"
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await populate(runtime, secret: secret)
        let provider = try await runtime.list(.provider, zoneID: zone)[0]
        _ = try await runtime.patch(.provider, id: provider.id, zoneID: zone, body: [
            "config_json": .object(["header_name": .string("X-Key"), "api_key": .string(secret + "-rotated")]),
        ])
        #expect(!allFileBytes(in: directory.path).contains(text: secret))  // the journal
        try await runtime.checkpoint()
        try await runtime.close()
        let files = allFileBytes(in: directory.path)  // snapshot and backup
        #expect(files.contains(text: "secret_config_keys"))
        #expect(!files.contains(text: secret))
    }

    @Test func tornLastJournalRecordIsDiscarded() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        _ = try await runtime.makeZone("one")
        _ = try await runtime.makeZone("two")
        await runtime.abandonWithoutCheckpoint()
        let journal = directory.file("journal.jsonl")
        let intact = try journalData(directory)
        let handle = try #require(FileHandle(forWritingAtPath: journal))
        handle.seek(toFileOffset: UInt64(intact.count))
        handle.write(Data("{\"seq\":3,\"crc32\":\"0000".utf8))
        handle.closeFile()
        #expect(try journalData(directory).count > intact.count)

        let reopened = try EmbeddedRuntime.open(directory: directory.path)
        #expect(try await reopened.list(.zone, zoneID: nil).map { $0.string("slug") } == ["two", "one"])
        #expect(try journalData(directory) == intact)
        _ = try await reopened.makeZone("three")
        await reopened.abandonWithoutCheckpoint()
        let again = try EmbeddedRuntime.open(directory: directory.path)
        #expect(try await again.list(.zone, zoneID: nil).count == 3)
        try await again.close()
    }

    @Test func damageBeforeTheLastRecordIsRefusedAndLeftAlone() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        _ = try await runtime.makeZone("one")
        _ = try await runtime.makeZone("two")
        await runtime.abandonWithoutCheckpoint()
        let journal = URL(fileURLWithPath: directory.file("journal.jsonl"))
        var bytes = try Data(contentsOf: journal)
        let slug = try #require(bytes.range(of: Data("\"one\"".utf8)))
        bytes[slug.lowerBound + 1] = UInt8(ascii: "x")
        try bytes.write(to: journal)

        let error = await runtimeError { try EmbeddedRuntime.open(directory: directory.path) }
        #expect(error?.code == "state_corrupt")
        #expect(error?.message.contains(journal.path) == true)
        #expect(try Data(contentsOf: journal) == bytes)
    }

    @Test func corruptSnapshotIsRefusedAndLeftAlone() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        _ = try await populate(runtime)
        try await runtime.close()
        let snapshot = URL(fileURLWithPath: directory.file("state.json"))
        var bytes = try Data(contentsOf: snapshot)
        bytes[bytes.count - 10] ^= 0x01
        try bytes.write(to: snapshot)

        let error = await runtimeError { try EmbeddedRuntime.open(directory: directory.path) }
        #expect(error?.code == "state_corrupt")
        #expect(error?.message.contains(snapshot.path) == true)
        #expect(error?.message.contains("left untouched") == true)
        #expect(try Data(contentsOf: snapshot) == bytes)
        let readOnly = await runtimeError { try EmbeddedRuntime.open(directory: directory.path, options: .init(readOnly: true)) }
        #expect(readOnly?.code == "state_corrupt")
    }

    @Test(arguments: ["{\"format\":\"caracal-apply-embedded-state\",\"state_version\":99}\n", "not json at all\n", ""])
    func unreadableSnapshotsAreRefusedUnmodified(content: String) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let snapshot = URL(fileURLWithPath: directory.file("state.json"))
        try Data(content.utf8).write(to: snapshot)
        let error = await runtimeError { try EmbeddedRuntime.open(directory: directory.path) }
        #expect(error?.code == (content.contains("99") ? "state_version_unsupported" : "state_corrupt"))
        #expect(error?.message.contains(snapshot.path) == true)
        #expect(try Data(contentsOf: snapshot) == Data(content.utf8))
        // The lock is not left behind by the failed open.
        let again = await runtimeError { try EmbeddedRuntime.open(directory: directory.path) }
        #expect(again?.code != "state_locked")
    }

    @Test func previousSnapshotIsKeptAsTheBackup() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        _ = try await runtime.makeZone("one")
        try await runtime.close()
        let first = try Data(contentsOf: URL(fileURLWithPath: directory.file("state.json")))
        let reopened = try EmbeddedRuntime.open(directory: directory.path)
        _ = try await reopened.makeZone("two")
        try await reopened.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.file("state.json.bak"))) == first)
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.file("state.json"))) != first)
    }

    @Test func concurrentWritesAreAllDurable() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await runtime.makeZone("prod")
        let names = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<200 {
                group.addTask {
                    try await runtime.create(.application, zoneID: zone, body: [
                        "name": .string("app-\(index)"), "registration_method": .string("managed"),
                    ]).string("name")!
                }
            }
            var names: Set<String> = []
            for try await name in group { names.insert(name) }
            return names
        }
        #expect(names.count == 200)
        await runtime.abandonWithoutCheckpoint()
        let reopened = try EmbeddedRuntime.open(directory: directory.path)
        let listed = try await reopened.list(.application, zoneID: zone)
        #expect(Set(listed.compactMap { $0.string("name") }) == names)
        try await reopened.close()
    }

    @Test func journalIsCompactedPastItsThreshold() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path, options: .init(compactionThreshold: 4096))
        for index in 0..<40 { _ = try await runtime.makeZone("zone-\(index)") }
        #expect(try journalData(directory).count < 4096 + 1024)
        #expect(FileManager.default.fileExists(atPath: directory.file("state.json")))
        await runtime.abandonWithoutCheckpoint()
        let reopened = try EmbeddedRuntime.open(directory: directory.path)
        #expect(try await reopened.list(.zone, zoneID: nil).count == 40)
        try await reopened.close()
    }

    @Test func readOnlyOpeningSeesTheStateWithoutTheLockAndRefusesWrites() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.file("never-created")
        let empty = try EmbeddedRuntime.open(directory: missing, options: .init(readOnly: true))
        #expect(try await empty.list(.zone, zoneID: nil).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: missing))

        let writer = try EmbeddedRuntime.open(directory: directory.path)
        _ = try await populate(writer)
        let expected = try await fingerprints(writer)
        let reader = try EmbeddedRuntime.open(directory: directory.path, options: .init(readOnly: true))
        #expect(reader.isReadOnly)
        #expect(try await fingerprints(reader) == expected)
        let write = await runtimeError { try await reader.makeZone("nope") }
        #expect(write?.code == "state_read_only")
        try await writer.close()
    }
}
