import CaracalRuntime
import Foundation
import Manifest

/// A Caracal deployment reached through its Admin API (SPEC §8, reference §1–§6).
///
/// Lists page through `next_cursor` with `limit=500`; reads retry, writes do not (the
/// reconciler reads back after an ambiguous failure). Secrets are write-only in Caracal, so
/// ``secretsMatch(zoneID:providerID:secrets:)`` cannot tell and returns `nil`.
public struct RemoteRuntime: Runtime {
    /// The HTTP client, whose ``AdminAPIClient/requestCount`` counts requests sent.
    public let client: AdminAPIClient
    /// The most pages one list follows before it gives up (500 × 2,000 objects).
    static let maximumPages = 2_000
    /// Objects per page.
    static let pageSize = 500

    /// A runtime for the Admin API at `baseURL`.
    public init(client: AdminAPIClient) {
        self.client = client
    }

    public var identity: String { client.baseURL.absoluteString }

    public func list(_ kind: ManifestKind, zoneID: String?) async throws(RuntimeError) -> [LiveObject] {
        let path = AdminAPIPath.collection(kind, zoneID: zoneID)
        var query = [("limit", String(Self.pageSize))]
        if kind == .application || kind == .provider || kind == .resource { query.append(("status", "active")) }
        var objects: [LiveObject] = []
        var cursor: String?
        var seen: Set<String> = []
        for _ in 0..<Self.maximumPages {
            let page = try await client.send("GET", path, query: query + (cursor.map { [("cursor", $0)] } ?? []))
            guard case .array(let items)? = page.value?["items"] else {
                throw AdminAPIFailure.unexpectedBody(method: "GET", path: path, status: page.status)
            }
            for item in items {
                guard case .object(let fields) = item else { throw AdminAPIFailure.unexpectedBody(method: "GET", path: path, status: page.status) }
                objects.append(LiveObject(kind: kind, fields: fields))
            }
            guard let next = page.value?["next_cursor"]?.stringValue else { return objects }
            guard seen.insert(next).inserted else {
                throw RuntimeError(status: 0, code: "invalid_response", message: "The Admin API returned the same cursor twice while listing \(path); the listing would never end.")
            }
            cursor = next
        }
        throw RuntimeError(status: 0, code: "too_many_pages", message: "Listing \(path) did not end after \(Self.maximumPages) pages of \(Self.pageSize).")
    }

    public func get(_ kind: ManifestKind, id: String, zoneID: String?) async throws(RuntimeError) -> LiveObject {
        try await object(kind, "GET", AdminAPIPath.object(kind, id: id, zoneID: zoneID))
    }

    public func create(_ kind: ManifestKind, zoneID: String?, body: [String: RegoValue]) async throws(RuntimeError) -> LiveObject {
        try await object(kind, "POST", AdminAPIPath.collection(kind, zoneID: zoneID), body: .object(body))
    }

    public func patch(_ kind: ManifestKind, id: String, zoneID: String?, body: [String: RegoValue]) async throws(RuntimeError) -> LiveObject {
        try await object(kind, "PATCH", AdminAPIPath.object(kind, id: id, zoneID: zoneID), body: .object(body))
    }

    public func delete(_ kind: ManifestKind, id: String, zoneID: String?) async throws(RuntimeError) {
        _ = try await client.send("DELETE", AdminAPIPath.object(kind, id: id, zoneID: zoneID))
    }

    public func addPolicyVersion(zoneID: String, policyID: String, content: String) async throws(RuntimeError) -> LiveObject {
        let path = AdminAPIPath.object(.policy, id: policyID, zoneID: zoneID) + "/versions"
        return try await object(.policy, "POST", path, body: .object(["content": .string(content)]))
    }

    public func addPolicySetVersion(zoneID: String, policySetID: String, policyVersionIDs: [String]) async throws(RuntimeError) -> LiveObject {
        let manifest = policyVersionIDs.map { RegoValue.object(["policy_version_id": .string($0)]) }
        let path = AdminAPIPath.policySet(zoneID: zoneID, setID: policySetID, "versions")
        return try await object(.policySet, "POST", path, body: .object(["manifest": .array(manifest)]))
    }

    public func policySetVersion(zoneID: String, policySetID: String, versionID: String) async throws(RuntimeError) -> LiveObject {
        let path = AdminAPIPath.policySet(zoneID: zoneID, setID: policySetID, "versions/" + AdminAPIPath.segment(versionID))
        return try await object(.policySet, "GET", path)
    }

    public func activate(zoneID: String, policySetID: String, versionID: String) async throws(RuntimeError) -> LiveObject {
        let path = AdminAPIPath.policySet(zoneID: zoneID, setID: policySetID, "activate")
        return try await object(.policySet, "POST", path, body: .object(["version_id": .string(versionID)]))
    }

    public func activationStatus(zoneID: String, policySetID: String, versionID: String, outboxID: String?) async throws(RuntimeError) -> LiveObject {
        let path = AdminAPIPath.policySet(zoneID: zoneID, setID: policySetID, "activation-status")
        var query = [("version_id", versionID)]
        if let outboxID { query.append(("outbox_id", outboxID)) }
        return try await object(.policySet, "GET", path, query: query)
    }

    public func simulate(zoneID: String, policySetID: String, versionID: String, input: RegoValue?) async throws(RuntimeError) -> LiveObject {
        var body: [String: RegoValue] = ["version_id": .string(versionID)]
        if let input { body["input"] = input }
        let path = AdminAPIPath.policySet(zoneID: zoneID, setID: policySetID, "simulate")
        // Simulate changes nothing, so it is retried like a read.
        return try await object(.policySet, "POST", path, body: .object(body), isRead: true)
    }

    public func secretsMatch(zoneID: String, providerID: String, secrets: [String: String]) async throws(RuntimeError) -> Bool? {
        nil
    }

    /// Sends a request whose response is one JSON object.
    private func object(_ kind: ManifestKind, _ method: String, _ path: String, query: [(String, String)] = [], body: RegoValue? = nil, isRead: Bool? = nil) async throws(RuntimeError) -> LiveObject {
        let response = try await client.send(method, path, query: query, body: body, isRead: isRead)
        guard case .object(let fields)? = response.value else {
            throw AdminAPIFailure.unexpectedBody(method: method, path: path, status: response.status)
        }
        return LiveObject(kind: kind, fields: fields)
    }
}
