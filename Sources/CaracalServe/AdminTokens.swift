import CaracalRuntime
import Foundation
import Manifest
import Synchronization

/// The tokens `serve` accepts: the global token from its token file, and tokens minted with
/// `POST /v1/admin-tokens`, which live as long as the process.
final class AdminTokens: Sendable {
    private let tokens: Mutex<[AdminToken]>

    init(globalSecret: String) {
        tokens = Mutex([AdminToken(id: "token-global", name: "serve", scope: .global, zoneID: nil, capability: .write, secret: globalSecret)])
    }

    /// The token whose secret an `Authorization: Bearer …` header carries.
    ///
    /// - Throws: 401 `unauthorized` without a bearer token, `invalid_admin_token` for an unknown one.
    func authenticate(_ header: String?) throws(RuntimeError) -> AdminToken {
        guard let header, header.lowercased().hasPrefix("bearer ") else {
            throw RuntimeError(status: 401, code: "unauthorized", message: "Send an 'Authorization: Bearer <admin token>' header.")
        }
        let secret = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        let known = tokens.withLock { tokens in tokens.first { $0.matches(secret) } }
        guard let known else {
            throw RuntimeError(status: 401, code: "invalid_admin_token", message: "The admin token is not valid for this server.")
        }
        return known
    }

    /// Mints a token from a `POST /v1/admin-tokens` body; returns the response body, which is
    /// the only place the new token's secret ever appears.
    func mint(_ body: [String: RegoValue], by actor: AdminToken) throws(RuntimeError) -> RegoValue {
        guard actor.scope == .global else {
            throw RuntimeError(status: 403, code: "admin_token_zone_mismatch", message: "Only a global admin token can mint admin tokens.")
        }
        guard case .string(let name)? = body["name"], (1...120).contains(name.count),
              let scope = AdminToken.Scope(rawValue: body["scope"]?.stringValue ?? "") else {
            throw RuntimeError.invalid("invalid_body", "The body needs 'name' (1 to 120 characters) and 'scope' ('global' or 'zone').")
        }
        let capability = AdminToken.Capability(rawValue: body["capability"]?.stringValue ?? "write")
        let zoneID = body["zone_id"]?.stringValue
        guard let capability, (scope == .zone) == (zoneID != nil) else {
            throw RuntimeError.invalid("invalid_body", "'capability' must be write, read or approve, and 'zone_id' is given exactly when 'scope' is 'zone'.")
        }
        let token = AdminToken(id: "token-" + UUID().uuidString.lowercased(), name: name, scope: scope, zoneID: zoneID, capability: capability, secret: AdminToken.newSecret())
        tokens.withLock { $0.append(token) }
        return .object([
            "id": .string(token.id), "name": .string(name), "scope": .string(scope.rawValue),
            "zone_id": zoneID.map(RegoValue.string) ?? .null, "capability": .string(capability.rawValue),
            "token": .string(token.secret),
        ])
    }
}
