import CaracalRuntime
import CaracalRuntimeRemote
import Foundation
import HTTPServer
import Manifest
import Planner
import Reconciler
import Synchronization
import Testing

/// The remote runtime against `serve`: the plan–apply loop, request counts, retries, and the
/// messages its errors carry (SPEC §5, §8).
@Suite struct RemoteRuntimeTests {
    @Test func applyThenPlanShowsNothingWithRequestsPerKindAndZone() async throws {
        let serve = try ServeFixture.start()
        do {
            let desired = try ExampleManifests.all()
            let remote = serve.remote()
            let (plan, live) = try await PlanBuilder(desired: desired).plan(against: remote)
            #expect(plan.hasChanges)
            let report = await PlanExecutor().apply(plan, desired: desired, live: live, runtime: remote)
            #expect(!report.hasFailures, "\(report.outcomes.filter { if case .failed = $0.status { return true }; return false })")

            let before = remote.client.requestCount
            let (again, _) = try await PlanBuilder(desired: desired).plan(against: remote)
            #expect(!again.hasChanges, "\(again.changes.map(\.address))")
            // One zone list, one list per kind per zone, and one detail read per policy and
            // per active set: nothing per application, provider or resource.
            let zones = desired.zones.count
            let policies = desired.objects.filter { $0.kind == .policy }.count
            let sets = desired.objects.filter { $0.kind == .policySet }.count
            #expect(remote.client.requestCount - before == 1 + 5 * zones + policies + sets)
        } catch {
            Issue.record(error)
        }
        await serve.stop()
    }

    @Test func readsAreRetriedAndWritesAreNot() async throws {
        let calls = Counter()
        let serve = try ServeFixture.start { request in
            let count = calls.increment(request.method)
            switch (request.method, count) {
            case ("GET", 1): return .json(status: 503, #"{"error":"internal_error"}"#, headers: [(name: "retry-after", value: "0")])
            case ("GET", 2): return .dropConnection
            case ("GET", _): return .json(status: 200, #"{"items":[{"id":"z1","slug":"one","name":"One"}],"next_cursor":null}"#)
            case ("POST", 1): return .json(status: 429, #"{"error":"rate_limited"}"#, headers: [(name: "retry-after", value: "0")])
            case ("POST", 2): return .json(status: 503, #"{"error":"internal_error"}"#)
            default: return .json(status: 500, "not json at all")
            }
        }
        let remote = serve.remote()
        let zones = try await remote.list(.zone, zoneID: nil)
        #expect(zones.map(\.identity) == ["one"])
        #expect(calls.count("GET") == 3)

        // A 429 was refused, so it is sent again; the 503 that follows might have happened, so
        // it is not: the caller reads back first.
        do {
            _ = try await remote.create(.zone, zoneID: nil, body: ["name": .string("Two")])
            Issue.record("the create should fail")
        } catch {
            #expect(error.status == 503)
            #expect(error.isAmbiguous)
        }
        #expect(calls.count("POST") == 2)

        // A body that is not JSON is described, never dumped.
        do {
            _ = try await remote.create(.zone, zoneID: nil, body: ["name": .string("Three")])
        } catch {
            #expect(error.message == "The Admin API answered POST /v1/zones with status 500 and a body that is not JSON.")
        }
        await serve.stop()
    }

    @Test func errorsSayWhatToDo() async throws {
        let serve = try ServeFixture.start()
        do {
            _ = try await serve.remote(token: "cat_wrong").list(.zone, zoneID: nil)
            Issue.record("a wrong token should fail")
        } catch {
            #expect(error.status == 401)
            #expect(error.message.contains("set CARACAL_ADMIN_TOKEN to a valid token"))
            #expect(!error.description.contains("cat_wrong"))
        }
        let closed = RemoteRuntime(client: AdminAPIClient(baseURL: URL(string: "http://127.0.0.1:9")!, token: nil, options: {
            var options = AdminAPIClient.Options()
            options.readAttempts = 2
            options.backoffBase = 0.001
            return options
        }()))
        do {
            _ = try await closed.list(.zone, zoneID: nil)
            Issue.record("nothing listens on port 9")
        } catch {
            #expect(error.status == 0)
            #expect(error.code == "connection_failed")
            #expect(error.message.hasPrefix("Could not connect to the Admin API at 127.0.0.1:9"))
        }
        await serve.stop()
    }

    @Test func aZoneScopedTokenManagesAnExternalZone() async throws {
        let serve = try ServeFixture.start()
        do {
            let zoneID = try #require(try await serve.json("POST", "/v1/zones", body: #"{"name":"Quickstart","slug":"quickstart"}"#)["id"]?.stringValue)
            let minted = try await serve.json("POST", "/v1/admin-tokens", body: #"{"name":"qs","scope":"zone","zone_id":"\#(zoneID)"}"#)
            let token = try #require(minted["token"]?.stringValue)
            var desired = try ExampleManifests.load(["examples/quickstart/caracal"])
            desired = try externalized(desired, zone: "quickstart", id: zoneID)
            let remote = serve.remote(token: token)
            let (plan, live) = try await PlanBuilder(desired: desired).plan(against: remote)
            #expect(!plan.changes.contains { $0.address.kind == .zone })
            let report = await PlanExecutor().apply(plan, desired: desired, live: live, runtime: remote)
            #expect(!report.hasFailures)
            let (again, _) = try await PlanBuilder(desired: desired).plan(against: remote)
            #expect(!again.hasChanges)

            // The same token cannot list zones.
            do {
                _ = try await remote.list(.zone, zoneID: nil)
                Issue.record("a zone token should not list zones")
            } catch {
                #expect(error.code == "admin_token_zone_mismatch")
                #expect(error.message.contains("'external: true'"))
            }
        } catch {
            Issue.record(error)
        }
        await serve.stop()
    }

    /// `desired` with the zone declared `external` with its live id.
    private func externalized(_ desired: DesiredState, zone: String, id: String) throws -> DesiredState {
        var objects = desired.objects
        guard let index = objects.firstIndex(where: { $0.kind == .zone && $0.name == zone }), case .zone(var spec) = objects[index].spec else {
            throw FixtureError(message: "no zone \(zone)")
        }
        spec.external = true
        spec.id = id
        objects[index].spec = .zone(spec)
        return DesiredState(objects: objects)
    }
}

/// Counts calls per key, from any thread.
final class Counter: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    func increment(_ key: String) -> Int {
        counts.withLock { counts in
            counts[key, default: 0] += 1
            return counts[key]!
        }
    }

    func count(_ key: String) -> Int { counts.withLock { $0[key] ?? 0 } }
}

/// A deployment behind a path prefix keeps it in every request.
@Suite struct RemoteBasePathTests {
    @Test func aBaseURLPathPrefixIsKept() async throws {
        let paths = Mutex<[String]>([])
        let serve = try ServeFixture.start { request in
            paths.withLock { $0.append(request.path) }
            return .json(status: 200, #"{"items":[],"next_cursor":null}"#)
        }
        let remote = RemoteRuntime(client: AdminAPIClient(baseURL: URL(string: serve.url.absoluteString + "/caracal/")!, token: nil))
        _ = try await remote.list(.application, zoneID: "z1")
        #expect(paths.withLock { $0 } == ["/caracal/v1/zones/z1/applications"])
        await serve.stop()
    }
}
