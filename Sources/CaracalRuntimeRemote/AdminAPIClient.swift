import CaracalRuntime
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Manifest
import Synchronization

/// Sends requests to Caracal's Admin API: bearer token, JSON bodies, bounded concurrency,
/// retried reads, and errors mapped to ``RuntimeError``s (reference §0).
///
/// Reads (GET) are retried with exponential backoff and jitter on 408, 425, 429, 5xx and
/// connection errors, honouring `Retry-After` up to 30 s. Writes are sent once, except after a
/// 429 (the server refused them, so nothing happened); after any other failure the caller
/// reads back before it tries again (SPEC §5).
public final class AdminAPIClient: Sendable {
    /// Tuning for timeouts, retries and concurrency.
    public struct Options: Sendable {
        /// Seconds one request may take.
        public var requestTimeout: Double = 30
        /// Attempts a read gets, the first one included.
        public var readAttempts: Int = 5
        /// The first retry waits up to this many seconds; each further one up to twice as long.
        public var backoffBase: Double = 0.2
        /// No backoff wait exceeds this many seconds.
        public var backoffCap: Double = 5
        /// Requests in flight at once.
        public var concurrency: Int = 8

        public init() {}
    }

    /// A response: its status and its JSON body (`nil` when empty, as for 204).
    struct Response: Sendable {
        var status: Int
        var value: RegoValue?
    }

    /// The Admin API's base URL (without `/v1`).
    public let baseURL: URL
    private let authorization: String?
    private let options: Options
    private let session: URLSession
    private let limit: ConcurrencyLimit
    private let sent = Mutex(0)

    /// A client for the Admin API at `baseURL`, authenticating with `token` when one is given.
    public init(baseURL: URL, token: String?, options: Options = Options()) {
        self.baseURL = baseURL
        authorization = token.map { "Bearer \($0)" }
        self.options = options
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = options.requestTimeout
        configuration.httpMaximumConnectionsPerHost = options.concurrency
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        session = URLSession(configuration: configuration)
        limit = ConcurrencyLimit(options.concurrency)
    }

    deinit {
        session.invalidateAndCancel()
    }

    /// HTTP requests sent so far, retries included.
    public var requestCount: Int { sent.withLock { $0 } }

    /// Sends one request and returns its 2xx response; reads are retried as described above.
    ///
    /// - Parameter isRead: Whether the request changes nothing and can be retried like a read
    ///   (every GET, and POSTs such as simulate); defaults to whether it is a GET.
    func send(_ method: String, _ path: String, query: [(String, String)] = [], body: RegoValue? = nil, isRead: Bool? = nil) async throws(RuntimeError) -> Response {
        let isRead = isRead ?? (method == "GET")
        let backoff = RetryBackoff(base: options.backoffBase, cap: options.backoffCap)
        var attempt = 1
        while true {
            do {
                return try await limit.run { () async throws(RuntimeError) in
                    try await sendOnce(method, path + AdminAPIPath.query(query), body: body)
                }
            } catch {
                let retryable = isRead ? error.isRetryable : error.status == 429
                guard retryable, attempt < options.readAttempts else { throw error }
                let seconds = backoff.delay(attempt: attempt, retryAfter: error.retryAfter)
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
                attempt += 1
            }
        }
    }

    private func sendOnce(_ method: String, _ target: String, body: RegoValue?) async throws(RuntimeError) -> Response {
        // Appended, not resolved, so that a base URL with a path prefix keeps it.
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + target) else {
            throw RuntimeError(status: 0, code: "invalid_url", message: "'\(target)' does not form a URL with the Admin API base \(baseURL.absoluteString).")
        }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: options.requestTimeout)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let authorization { request.setValue(authorization, forHTTPHeaderField: "Authorization") }
        if let body {
            var bytes: [UInt8] = []
            JSONWriter.writeCompact(body, into: &bytes)
            request.httpBody = Data(bytes)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        sent.withLock { $0 += 1 }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch {
            throw AdminAPIFailure.transport(error, method: method, url: url)
        }
        guard let http = response as? HTTPURLResponse else {
            throw RuntimeError(status: 0, code: "invalid_response", message: "The Admin API at \(baseURL.absoluteString) did not answer with HTTP.")
        }
        let bytes = [UInt8](data)
        let path = url.path
        guard (200..<300).contains(http.statusCode) else {
            throw AdminAPIFailure.error(
                status: http.statusCode, body: bytes,
                requestID: http.value(forHTTPHeaderField: "x-request-id"),
                retryAfter: http.value(forHTTPHeaderField: "Retry-After").flatMap(Self.retryAfterSeconds),
                method: method, path: path
            )
        }
        if bytes.isEmpty { return Response(status: http.statusCode, value: nil) }
        guard let value = try? JSONReader.value(from: bytes) else {
            throw AdminAPIFailure.unexpectedBody(method: method, path: path, status: http.statusCode)
        }
        return Response(status: http.statusCode, value: value)
    }

    /// `Retry-After` as seconds: a number of seconds, or an HTTP date.
    static func retryAfterSeconds(_ value: String) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return Swift.max(0, date.timeIntervalSinceNow)
    }
}
