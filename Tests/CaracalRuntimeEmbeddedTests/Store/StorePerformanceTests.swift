import CaracalRuntime
import Foundation
import Manifest
import Testing
@testable import CaracalRuntimeEmbedded

/// Applies N objects through the runtime with four callers in flight, then reloads them, and
/// prints the times. Enabled by `CARACAL_STORE_BENCH=N`; meant for a release build:
/// `CARACAL_STORE_BENCH=10000 swift test -c release -Xswiftc -enable-testing --scratch-path .build-release --filter StorePerformanceTests`.
struct StorePerformanceTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CARACAL_STORE_BENCH"] != nil))
    func applyAndReload() async throws {
        let total = Int(ProcessInfo.processInfo.environment["CARACAL_STORE_BENCH"] ?? "") ?? 10_000
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ContinuousClock()
        let start = clock.now
        try await apply(total: total, directory: directory, clock: clock, start: start)
    }

    /// Applies, then closes; the runtime is gone before the reopen is measured.
    private func apply(total: Int, directory: TemporaryDirectory, clock: ContinuousClock, start: ContinuousClock.Instant) async throws {
        let zoneCount = max(1, total / 1000)
        let perZone = total / zoneCount
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        var zones: [String] = []
        for index in 0..<zoneCount { zones.append(try await runtime.makeZone("zone-\(index)")) }
        // Per zone: 20% providers, 30% applications, 40% resources, 10% policies.
        let providers = perZone / 5, applications = perZone * 3 / 10, policies = perZone / 10
        let resources = perZone - providers - applications - policies - 1
        func inParallel(_ count: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<4 {
                    group.addTask { for index in stride(from: worker, to: count, by: 4) { try await body(index) } }
                }
                try await group.waitForAll()
            }
        }
        let zoneList = zones
        let providerIDs = ProviderIDs()
        try await inParallel(zoneCount * providers) { index in
            let zone = zoneList[index % zoneCount]
            let id = try await runtime.makeProvider(zone: zone, "provider://p-\(index)", secret: "secret-\(index)")
            await providerIDs.add(zone, id)
        }
        try await inParallel(zoneCount * applications) { index in
            _ = try await runtime.create(.application, zoneID: zoneList[index % zoneCount], body: [
                "name": .string("app-\(index)"), "registration_method": .string("managed"), "traits": .array([.string("reader")]),
            ])
        }
        try await inParallel(zoneCount * resources) { index in
            let zone = zoneList[index % zoneCount]
            let provider = await providerIDs.first(zone)
            var body = EmbeddedRuntime.resourceBody("resource://r-\(index)", provider: provider)
            body["operations"] = .array([.object(["method": .string("GET"), "path": .string("/items"), "scope": .string("read")])])
            _ = try await runtime.create(.resource, zoneID: zone, body: body)
        }
        try await inParallel(zoneCount * policies) { index in
            _ = try await runtime.create(.policy, zoneID: zoneList[index % zoneCount], body: [
                "name": .string("policy-\(index)"), "content": .string(dataPolicy("grants", value: "{\"resource://r-\(index)\": {\"application\": \"a\", \"roles\": {\"reader\": [\"read\"]}}}")),
            ])
        }
        let applied = clock.now
        try await runtime.close()
        let closed = clock.now
        print("store bench: apply (4 in flight, durable) \(applied - start), close (checkpoint) \(closed - applied)")
        try await reload(directory: directory, clock: clock, expected: zoneCount * (1 + providers + applications + resources + policies))
    }

    private func reload(directory: TemporaryDirectory, clock: ContinuousClock, expected: Int) async throws {
        let closed = clock.now

        let memoryBefore = residentMegabytes()
        let reopened = try EmbeddedRuntime.open(directory: directory.path)
        let loaded = clock.now
        var listed = 0
        for zone in try await reopened.list(.zone, zoneID: nil) {
            listed += 1
            for kind in ManifestKind.allCases where kind != .zone {
                listed += try await reopened.list(kind, zoneID: zone.id).count
            }
        }
        let listedAt = clock.now
        let memoryAfter = residentMegabytes()
        try await reopened.close()
        let snapshotSize = (try? FileManager.default.attributesOfItem(atPath: directory.file("state.json"))[.size] as? Int) ?? 0
        print("""
        store bench: \(listed) objects
          reopen (load snapshot):       \(loaded - closed)
          list everything:              \(listedAt - loaded)
          snapshot size:                \(snapshotSize / 1024) KiB
          resident memory:              \(memoryBefore) MB before reopen, \(memoryAfter) MB after load and list
        """)
        #expect(listed == expected)
    }

    private func residentMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return -1 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
    }
}

private actor ProviderIDs {
    var byZone: [String: String] = [:]
    func add(_ zone: String, _ id: String) { if byZone[zone] == nil { byZone[zone] = id } }
    func first(_ zone: String) -> String { byZone[zone] ?? "" }
}
