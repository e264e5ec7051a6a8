import CaracalRuntime
import CaracalRuntimeEmbedded
import Foundation
import HTTPServer
import Manifest

/// Answers Admin API requests from the embedded runtime, with the Admin API's paths, status
/// codes, error envelopes, pagination and token rules (reference §0–§6), for `serve`.
///
/// Beyond the API subset the remote client uses it answers `/health`, `/ready`,
/// `POST /v1/policies/validate`, `POST /v1/admin-tokens` (tokens live as long as the process),
/// and the embedded audit log at `GET /v1/audit/decisions[/ID]`.
public struct AdminAPIRouter: Sendable {
    let runtime: EmbeddedRuntime
    let tokens: AdminTokens
    let faults: FaultInjector?

    /// A router over `runtime`, accepting `globalToken`, failing requests at `faultRate`
    /// (0 for none) in the sequence `faultSeed` gives.
    public init(runtime: EmbeddedRuntime, globalToken: String, faultRate: Double = 0, faultSeed: UInt64 = 0) {
        self.runtime = runtime
        tokens = AdminTokens(globalSecret: globalToken)
        faults = faultRate > 0 ? FaultInjector(rate: faultRate, seed: faultSeed) : nil
    }

    /// The response to one request.
    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        let requestID = "req_" + UUID().uuidString.lowercased()
        var response: HTTPResponse
        do {
            response = try await route(request, requestID: requestID)
        } catch {
            response = Self.errorResponse(error, requestID: requestID)
        }
        response.headers.append((name: "x-request-id", value: requestID))
        return response
    }

    private func route(_ request: HTTPRequest, requestID: String) async throws(RuntimeError) -> HTTPResponse {
        switch request.path {
        case "/health": return Self.json(200, .object(["status": .string("ok")]))
        case "/ready": return Self.json(200, .object(["status": .string("ready")]))
        default: break
        }
        guard let route = AdminRoute(path: request.path) else {
            throw RuntimeError(status: 404, code: "not_found", message: "No Admin API route matches \(request.method) \(request.path).")
        }
        let token = try tokens.authenticate(request.header("authorization"))
        let method = request.method == "HEAD" ? "GET" : request.method
        guard route.methods.contains(method) else {
            throw RuntimeError(status: 405, code: "method_not_allowed", message: "\(request.path) does not accept \(request.method); it accepts \(route.methods.sorted().joined(separator: ", ")).")
        }
        for id in route.pathIDs where !AdminAPIFormats.isPathID(id) {
            throw RuntimeError.invalid("invalid_params", "'\(id)' is not a valid id in the path.")
        }
        try authorize(token, route: route, method: method)
        let isWrite = method != "GET" && route != .validate && !(route.isSimulate)
        switch faults?.next(isWrite: isWrite) ?? .none {
        case .none:
            return try await perform(route, method: method, request: request, token: token, requestID: requestID)
        case .unavailableBeforeWrite, .unavailableRead:
            return Self.injected()
        case .dropRead:
            return .dropConnection
        case .unavailableAfterWrite:
            _ = try await perform(route, method: method, request: request, token: token, requestID: requestID)
            return Self.injected()
        case .dropAfterWrite:
            _ = try await perform(route, method: method, request: request, token: token, requestID: requestID)
            return .dropConnection
        }
    }

    /// Applies the token's scope and capability (reference §0).
    private func authorize(_ token: AdminToken, route: AdminRoute, method: String) throws(RuntimeError) {
        if token.scope == .zone, route != .validate {
            guard let zone = route.zoneID, zone == token.zoneID else {
                throw RuntimeError(status: 403, code: "admin_token_zone_mismatch", message: "This zone-scoped admin token can only reach its own zone.")
            }
        }
        if token.capability == .read, method != "GET", route != .validate {
            throw RuntimeError(status: 403, code: "admin_token_read_only", message: "This admin token is read-only.")
        }
    }

    private func perform(_ route: AdminRoute, method: String, request: HTTPRequest, token: AdminToken, requestID: String) async throws(RuntimeError) -> HTTPResponse {
        switch (route, method) {
        case (.zones, "GET"):
            return Self.json(200, try PageCursor.page(try await runtime.list(.zone, zoneID: nil), query: request.query))
        case (.zones, _):
            return Self.json(201, .object(try await runtime.create(.zone, zoneID: nil, body: try Self.body(request)).fields))
        case (.zone(let id), "GET"):
            return Self.json(200, .object(try await runtime.get(.zone, id: id, zoneID: nil).fields))
        case (.zone(let id), "PATCH"):
            return Self.json(200, .object(try await runtime.patch(.zone, id: id, zoneID: nil, body: try Self.body(request)).fields))
        case (.zone(let id), _):
            try await runtime.delete(.zone, id: id, zoneID: nil)
            return HTTPResponse(status: 204)
        case (.collection(let kind, let zone), "GET"):
            return Self.json(200, try PageCursor.page(try await list(kind, zone: zone, status: request.query["status"]), query: request.query))
        case (.collection(let kind, let zone), _):
            return Self.json(201, .object(try await runtime.create(kind, zoneID: zone, body: try Self.body(request)).fields))
        case (.object(let kind, let zone, let id), "GET"):
            return Self.json(200, .object(try await runtime.get(kind, id: id, zoneID: zone).fields))
        case (.object(let kind, let zone, let id), "PATCH"):
            return Self.json(200, .object(try await runtime.patch(kind, id: id, zoneID: zone, body: try Self.body(request)).fields))
        case (.object(let kind, let zone, let id), _):
            try await runtime.delete(kind, id: id, zoneID: zone)
            return HTTPResponse(status: 204)
        case (.policyVersions(let zone, let policy), _):
            let content = try Self.string("content", in: try Self.body(request))
            return Self.json(201, .object(try await runtime.addPolicyVersion(zoneID: zone, policyID: policy, content: content).fields))
        case (.setVersions(let zone, let set), "GET"):
            return Self.json(200, try PageCursor.page(try await runtime.policySetVersions(zoneID: zone, policySetID: set), query: request.query))
        case (.setVersions(let zone, let set), _):
            let ids = try Self.manifest(try Self.body(request))
            return Self.json(201, .object(try await runtime.addPolicySetVersion(zoneID: zone, policySetID: set, policyVersionIDs: ids).fields))
        case (.setVersion(let zone, let set, let version), _):
            return Self.json(200, .object(try await runtime.policySetVersion(zoneID: zone, policySetID: set, versionID: version).fields))
        case (.activate(let zone, let set), _):
            let version = try Self.string("version_id", in: try Self.body(request))
            return Self.json(202, .object(try await runtime.activate(zoneID: zone, policySetID: set, versionID: version).fields))
        case (.activationStatus(let zone, let set), _):
            guard let version = request.query["version_id"], !version.isEmpty else {
                throw RuntimeError.invalid("invalid_query", "'version_id' is required.")
            }
            let status = try await runtime.activationStatus(zoneID: zone, policySetID: set, versionID: version, outboxID: request.query["outbox_id"])
            return Self.json(200, .object(status.fields))
        case (.simulate(let zone, let set), _):
            let body = try Self.body(request)
            let version = try Self.string("version_id", in: body)
            return Self.json(200, .object(try await runtime.simulate(zoneID: zone, policySetID: set, versionID: version, input: body["input"]).fields))
        case (.validate, _):
            return PolicyValidation.response(content: try Self.string("content", in: try Self.body(request)), requestID: requestID)
        case (.adminTokens, _):
            return Self.json(201, try tokens.mint(try Self.body(request), by: token))
        case (.auditDecisions, _):
            let entries = try AuditLog(directory: runtime.directory).entries()
            return Self.json(200, .object(["items": .array(entries.map(\.json)), "next_cursor": .null]))
        case (.auditDecision(let requestID), _):
            guard let entry = try AuditLog(directory: runtime.directory).entry(requestID: requestID) else {
                throw RuntimeError.notFound("decision", "No decision with request id '\(requestID)' is recorded.")
            }
            return Self.json(200, entry.json)
        }
    }

    /// Active objects; `status=archived` is not kept apart by the embedded runtime's lists.
    private func list(_ kind: ManifestKind, zone: String, status: String?) async throws(RuntimeError) -> [LiveObject] {
        switch status {
        case nil, "active": return try await runtime.list(kind, zoneID: zone)
        default:
            throw RuntimeError.invalid("invalid_query", "'status' can only be 'active' on this server, not '\(status ?? "")'.")
        }
    }

    // MARK: Requests and responses

    /// The request body as a JSON object.
    ///
    /// Bodies that are not JSON get 400 with `internal_error`, as Caracal's framework answers them.
    static func body(_ request: HTTPRequest) throws(RuntimeError) -> [String: RegoValue] {
        let value: RegoValue
        do {
            value = try JSONReader.value(from: request.body)
        } catch {
            throw RuntimeError.invalid("internal_error", "The request body is not valid JSON (\(error.description)).")
        }
        guard case .object(let fields) = value else {
            throw RuntimeError.invalid("invalid_body", "The request body must be a JSON object.")
        }
        return fields
    }

    static func string(_ key: String, in body: [String: RegoValue]) throws(RuntimeError) -> String {
        guard case .string(let value)? = body[key] else {
            throw RuntimeError(status: 400, code: "invalid_body", message: "'\(key)' is required and must be a string.")
        }
        return value
    }

    /// The policy version ids of a policy-set version body `{"manifest": [{policy_version_id}]}`.
    static func manifest(_ body: [String: RegoValue]) throws(RuntimeError) -> [String] {
        guard case .array(let entries)? = body["manifest"], (1...256).contains(entries.count) else {
            throw RuntimeError.invalid("invalid_body", "'manifest' must be a list of 1 to 256 {\"policy_version_id\"} entries.")
        }
        var ids: [String] = []
        for entry in entries {
            guard let id = entry["policy_version_id"]?.stringValue else {
                throw RuntimeError.invalid("invalid_body", "Every 'manifest' entry needs a 'policy_version_id' string.")
            }
            ids.append(id)
        }
        return ids
    }

    static func json(_ status: Int, _ value: RegoValue) -> HTTPResponse {
        .json(status: status, JSONWriter.compact(value))
    }

    /// The error envelope `{"error", "error_description", "requestId"}` (reference §0.2).
    static func errorResponse(_ error: RuntimeError, requestID: String) -> HTTPResponse {
        let status = (400...599).contains(error.status) ? error.status : 500
        let envelope: [String: RegoValue] = [
            "error": .string(status == error.status ? error.code : "internal_error"),
            "error_description": .string(error.message),
            "requestId": .string(requestID),
        ]
        var headers: [(name: String, value: String)] = []
        if let retryAfter = error.retryAfter {
            headers.append((name: "retry-after", value: String(Int(retryAfter.rounded(.up)))))
        }
        return .json(status: status, JSONWriter.compact(.object(envelope)), headers: headers)
    }

    private static func injected() -> HTTPResponse {
        .json(status: 503, JSONWriter.compact(.object([
            "error": .string("service_unavailable"),
            "error_description": .string("Fault injected by serve --fault-rate."),
        ])))
    }
}

extension AdminRoute {
    var isSimulate: Bool {
        if case .simulate = self { return true }
        return false
    }
}
