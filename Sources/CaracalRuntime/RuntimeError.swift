/// A runtime call that failed, in the Admin API's terms.
///
/// The embedded runtime raises the same codes the Admin API returns (reference §0.2), so
/// callers handle both runtimes alike.
public struct RuntimeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status the Admin API gives (or would give) this error; 0 for failures with no
    /// response at all (connection refused, timed out, dropped).
    public var status: Int
    /// The Admin API's error code, such as `resource_identifier_conflict`, or a transport code
    /// (`connection_failed`, `timeout`) when there was no response.
    public var code: String
    /// A whole sentence a person can act on.
    public var message: String
    /// The request id, when the server sent one.
    public var requestID: String?
    /// The server's `Retry-After`, in seconds.
    public var retryAfter: Double?

    public init(status: Int, code: String, message: String, requestID: String? = nil, retryAfter: Double? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.requestID = requestID
        self.retryAfter = retryAfter
    }

    public var description: String {
        var text = message
        if status > 0 { text += " (\(status) \(code)" + (requestID.map { ", request \($0)" } ?? "") + ")" }
        return text
    }

    /// Whether a read that failed this way is worth retrying (408, 425, 429, 5xx, no response).
    public var isRetryable: Bool {
        status == 0 || status == 408 || status == 425 || status == 429 || status >= 500
    }

    /// Whether a write that failed this way may still have happened, so it must be read back
    /// before it is retried (no response, a timeout, or a 5xx after the request was sent).
    public var isAmbiguous: Bool {
        status == 0 || status == 408 || (status >= 500 && status != 501)
    }

    public static func notFound(_ kind: String, _ message: String) -> RuntimeError {
        RuntimeError(status: 404, code: "\(kind)_not_found", message: message)
    }

    public static func conflict(_ code: String, _ message: String) -> RuntimeError {
        RuntimeError(status: 409, code: code, message: message)
    }

    public static func invalid(_ code: String, _ message: String) -> RuntimeError {
        RuntimeError(status: 400, code: code, message: message)
    }
}
