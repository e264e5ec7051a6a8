import CaracalRuntime
import Foundation
import Manifest
import Testing
@testable import CaracalServe

/// The pieces of `serve` that need no socket: cursors, routes, the token file, fault draws.
struct ServePartsTests {
    @Test func cursorsRoundTripAndRejectForgeries() throws {
        let cursor = PageCursor(createdAt: "2026-11-29T18:00:00.000Z", id: "01a2-b")
        #expect(try PageCursor(text: cursor.text) == cursor)
        #expect(!cursor.text.contains("="))
        for forged in ["", "x", String(repeating: "A", count: 600), "eyJ0cyI6MX0"] {
            #expect(throws: RuntimeError.self) { try PageCursor(text: forged) }
        }
    }

    @Test func pagesFollowTheKeysetOrder() throws {
        let objects = (0..<5).reversed().map { index in
            LiveObject(kind: .zone, fields: ["id": .string("id-\(index)"), "created_at": .string("2026-11-29T18:00:0\(index).000Z")])
        }
        let first = try PageCursor.page(objects, query: ["limit": "3"])
        guard case .array(let items)? = first["items"], let next = first["next_cursor"]?.stringValue else {
            Issue.record("no first page")
            return
        }
        #expect(items.compactMap { $0["id"]?.stringValue } == ["id-4", "id-3", "id-2"])
        let second = try PageCursor.page(objects, query: ["limit": "3", "cursor": next])
        #expect(second["items"].map { value -> [String] in
            guard case .array(let items) = value else { return [] }
            return items.compactMap { $0["id"]?.stringValue }
        } == ["id-1", "id-0"])
        #expect(second["next_cursor"] == .null)
        for limit in ["0", "501", "-1", "ten"] {
            #expect(throws: RuntimeError.self) { try PageCursor.page(objects, query: ["limit": limit]) }
        }
    }

    @Test(arguments: [
        ("/v1/zones", AdminRoute.zones),
        ("/v1/zones/z1", .zone(id: "z1")),
        ("/v1/zones/z1/policy-sets", .collection(.policySet, zone: "z1")),
        ("/v1/zones/z1/resources/r1", .object(.resource, zone: "z1", id: "r1")),
        ("/v1/zones/z1/policies/p1/versions", .policyVersions(zone: "z1", policy: "p1")),
        ("/v1/zones/z1/policy-sets/s1/versions/v1", .setVersion(zone: "z1", set: "s1", version: "v1")),
        ("/v1/zones/z1/policy-sets/s1/activation-status", .activationStatus(zone: "z1", set: "s1")),
        ("/v1/policies/validate", .validate),
        ("/v1/audit/decisions/req-1", .auditDecision(requestID: "req-1")),
    ])
    func routesParse(path: String, route: AdminRoute) {
        #expect(AdminRoute(path: path) == route)
    }

    @Test(arguments: ["/", "/v2/zones", "/v1", "/v1/zones/z1/workloads", "/v1/zones/z1/policies/p1/activate", "/v1/zones//applications/x/y/z/w"])
    func unknownPathsHaveNoRoute(path: String) {
        #expect(AdminRoute(path: path) == nil)
    }

    @Test func policiesAndSetsHaveNoPatch() {
        #expect(!AdminRoute.object(.policy, zone: "z", id: "p").methods.contains("PATCH"))
        #expect(AdminRoute.object(.resource, zone: "z", id: "r").methods.contains("PATCH"))
    }

    @Test func pathIDsFollowTheAdminAPIPattern() {
        #expect(AdminAPIFormats.isPathID("01a2288e-7ede-7000-ab29-ab6e4ea10e2a"))
        #expect(AdminAPIFormats.isPathID("a.b_c:d"))
        #expect(!AdminAPIFormats.isPathID(""))
        #expect(!AdminAPIFormats.isPathID("a b"))
        #expect(!AdminAPIFormats.isPathID("a%2Fb"))
        #expect(!AdminAPIFormats.isPathID(String(repeating: "a", count: 129)))
    }

    @Test func tokenFileIsCreatedOwnerOnlyAndThenReused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("caracal-token-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = AdminTokenFile(path: directory.appendingPathComponent("nested/admin-token").path)
        let created = try file.loadOrCreate()
        #expect(created.created)
        #expect(created.token.hasPrefix("cat_") && created.token.count == 68)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = try file.loadOrCreate()
        #expect(again == (created.token, false))

        try "two words\n".write(toFile: file.path, atomically: true, encoding: .utf8)
        #expect(throws: AdminTokenFileError.self) { try file.loadOrCreate() }
    }

    @Test func tokensCompareWholly() {
        let token = AdminToken(id: "t", name: "t", scope: .global, zoneID: nil, capability: .write, secret: "cat_abc")
        #expect(token.matches("cat_abc"))
        #expect(!token.matches("cat_ab"))
        #expect(!token.matches("cat_abcd"))
        #expect(!token.matches(""))
    }

    @Test func faultsComeAtTheirRateInEveryKind() {
        let injector = FaultInjector(rate: 0.2, seed: 42)
        var writes: [FaultInjector.Fault: Int] = [:]
        var reads: [FaultInjector.Fault: Int] = [:]
        for _ in 0..<10_000 {
            writes[injector.next(isWrite: true), default: 0] += 1
            reads[injector.next(isWrite: false), default: 0] += 1
        }
        let writeFaults = 10_000 - (writes[FaultInjector.Fault.none] ?? 0)
        #expect((1_800...2_200).contains(writeFaults))
        for fault in [FaultInjector.Fault.unavailableBeforeWrite, .unavailableAfterWrite, .dropAfterWrite] {
            #expect((writes[fault] ?? 0) > 400, "\(fault)")
        }
        #expect((reads[.unavailableRead] ?? 0) > 600 && (reads[.dropRead] ?? 0) > 600)
        // The same seed gives the same sequence.
        let a = FaultInjector(rate: 0.5, seed: 7), b = FaultInjector(rate: 0.5, seed: 7)
        #expect((0..<100).map { _ in a.next(isWrite: true) } == (0..<100).map { _ in b.next(isWrite: true) })
        #expect(FaultInjector(rate: 0, seed: 1).next(isWrite: true) == FaultInjector.Fault.none)
    }
}
