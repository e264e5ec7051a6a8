import CaracalRuntime
import Foundation
import Manifest

/// Turns an Admin API error response, or a request that got no response, into a
/// ``RuntimeError`` whose message says what happened and what to do — never a raw body dump.
enum AdminAPIFailure {
    /// The error for a non-2xx response.
    ///
    /// The envelope is `{"error", "error_description"?, "requestId"?, "details"?}` (reference
    /// §0.2); bodies that are not such an envelope are described, not printed.
    static func error(status: Int, body: [UInt8], requestID headerRequestID: String?, retryAfter: Double?, method: String, path: String) -> RuntimeError {
        let envelope = try? JSONReader.value(from: body)
        let code = envelope?["error"]?.stringValue ?? fallbackCode(status)
        let description = envelope?["error_description"]?.stringValue
        let requestID = envelope?["requestId"]?.stringValue ?? headerRequestID
        let message: String
        switch (status, code) {
        case (401, _):
            message = "The Admin API rejected the admin token for \(method) \(path); set CARACAL_ADMIN_TOKEN to a valid token for this deployment."
        case (403, "admin_token_read_only"):
            message = "The admin token is read-only, so it cannot \(method) \(path); use a token with write capability."
        case (403, "admin_token_zone_mismatch"):
            message = "The admin token is scoped to another zone and cannot reach \(path); declare the zone with 'external: true' and its 'id', or use a global token."
        case (403, "system_zone_read_only"):
            message = "The system zone is read-only; \(method) \(path) cannot change it."
        case (403, "zone_forbidden"):
            message = "The token's account does not own the zone in \(path)."
        default:
            if envelope == nil, !body.isEmpty {
                message = "The Admin API answered \(method) \(path) with status \(status) and a body that is not JSON."
            } else if let description, !description.isEmpty {
                message = "The Admin API refused \(method) \(path): \(sentence(description))"
            } else {
                message = "The Admin API refused \(method) \(path) with \(code.replacingOccurrences(of: "_", with: " "))."
            }
        }
        return RuntimeError(status: status, code: code, message: message, requestID: requestID, retryAfter: retryAfter)
    }

    /// The error for a request that got no HTTP response at all.
    static func transport(_ error: any Error, method: String, url: URL) -> RuntimeError {
        let host = url.host.map { "\($0)\(url.port.map { ":\($0)" } ?? "")" } ?? url.absoluteString
        if let urlError = error as? URLError {
            switch urlError.code {
            case .timedOut:
                return RuntimeError(status: 0, code: "timeout", message: "\(method) \(url.path) to the Admin API at \(host) timed out; the request may or may not have taken effect.")
            case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed:
                return RuntimeError(status: 0, code: "connection_failed", message: "Could not connect to the Admin API at \(host); check --runtime or CARACAL_API_URL, and that the server is running.")
            case .networkConnectionLost:
                return RuntimeError(status: 0, code: "connection_lost", message: "The connection to the Admin API at \(host) was lost during \(method) \(url.path).")
            default:
                break
            }
        }
        return RuntimeError(status: 0, code: "connection_failed", message: "\(method) \(url.path) to the Admin API at \(host) failed: \(error.localizedDescription).")
    }

    /// The error for a 2xx response whose body is not the JSON the endpoint returns.
    static func unexpectedBody(method: String, path: String, status: Int) -> RuntimeError {
        RuntimeError(status: 0, code: "invalid_response", message: "The Admin API answered \(method) \(path) with status \(status) but not with the JSON object it should return.")
    }

    private static func fallbackCode(_ status: Int) -> String {
        switch status {
        case 400: return "bad_request"
        case 401: return "unauthorized"
        case 403: return "forbidden"
        case 404: return "not_found"
        case 409: return "conflict"
        case 422: return "unprocessable"
        case 429: return "rate_limited"
        default: return status >= 500 ? "server_error" : "http_\(status)"
        }
    }

    private static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let last = trimmed.last else { return trimmed }
        return ".!?".contains(last) ? trimmed : trimmed + "."
    }
}
