/// A request the server refuses itself, with the status and JSON envelope it answers with.
///
/// After answering one of these the server closes the connection, because it can no longer
/// tell where the next request would start.
struct HTTPProtocolError: Error, Equatable {
    var status: Int
    var code: String
    var explanation: String

    static func badRequest(_ explanation: String) -> HTTPProtocolError {
        HTTPProtocolError(status: 400, code: "bad_request", explanation: explanation)
    }

    static let requestTimeout = HTTPProtocolError(
        status: 408, code: "request_timeout",
        explanation: "The request did not arrive completely in time."
    )

    static func payloadTooLarge(limit: Int) -> HTTPProtocolError {
        HTTPProtocolError(
            status: 413, code: "payload_too_large",
            explanation: "The request body is larger than the limit of \(limit) bytes."
        )
    }

    static func headerFieldsTooLarge(_ explanation: String) -> HTTPProtocolError {
        HTTPProtocolError(status: 431, code: "request_header_fields_too_large", explanation: explanation)
    }

    static func notImplemented(_ explanation: String) -> HTTPProtocolError {
        HTTPProtocolError(status: 501, code: "not_implemented", explanation: explanation)
    }

    static let versionNotSupported = HTTPProtocolError(
        status: 505, code: "http_version_not_supported",
        explanation: "Only HTTP/1.1 and HTTP/1.0 are supported."
    )

    static let serverBusy = HTTPProtocolError(
        status: 503, code: "server_busy",
        explanation: "The server has too many open connections; try again later."
    )

    static let internalError = HTTPProtocolError(
        status: 500, code: "internal_error",
        explanation: "The handler returned a status code that cannot be sent."
    )

    /// The JSON error envelope `{"error":…,"error_description":…}` with this status.
    var response: HTTPResponse {
        .json(
            status: status,
            #"{"error":\#(JSONText.quoted(code)),"error_description":\#(JSONText.quoted(explanation))}"#
        )
    }
}
