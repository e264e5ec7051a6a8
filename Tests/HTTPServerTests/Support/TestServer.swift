import HTTPServer
import Testing

/// Starts a server on an ephemeral port, runs `body`, and shuts the server down.
///
/// The server's read and idle timeouts default to ten minutes: in the full suite a test's task
/// can wait many seconds for one of Swift's two executor threads between connecting and
/// sending, and the defaults (10 s and 30 s) then closed the connection before the request came,
/// so that `readResponse()` found none. Tests of the timeouts set their own in `configure`.
func withServer<Value>(
    _ configure: (inout HTTPServer.Configuration) -> Void = { _ in },
    handler: @escaping @Sendable (HTTPRequest) async -> HTTPResponse = echo,
    _ body: (HTTPServer, UInt16) async throws -> Value
) async throws -> Value {
    var configuration = HTTPServer.Configuration()
    configuration.port = 0
    configuration.readTimeout = 600
    configuration.idleTimeout = 600
    configure(&configuration)
    let server = HTTPServer(configuration: configuration, handler: handler)
    let port = try server.start()
    do {
        let value = try await body(server, port)
        await server.shutdown()
        return value
    } catch {
        await server.shutdown()
        throw error
    }
}

/// Answers with the method, path, query and body it received, as text.
@Sendable func echo(_ request: HTTPRequest) async -> HTTPResponse {
    let query = request.query.keys.sorted().map { "\($0)=\(request.query[$0]!)" }.joined(separator: "&")
    let text = "\(request.method) \(request.path) [\(query)] \(String(decoding: request.body, as: UTF8.self))"
    return HTTPResponse(status: 200, headers: [(name: "Content-Type", value: "text/plain")], body: Array(text.utf8))
}

/// A minimal valid request.
func get(_ target: String, _ extraHeaders: String = "") -> String {
    "GET \(target) HTTP/1.1\r\nHost: test\r\n\(extraHeaders)\r\n"
}

/// Sends `request` on a new connection and reads one response.
func exchange(_ port: UInt16, _ request: String) async throws -> RawResponse? {
    let client = try await RawClient.connect(port: port)
    try await client.send(request)
    return try await client.readResponse()
}

/// The `error` code of a server-generated JSON envelope.
func errorCode(_ response: RawResponse?) -> String? {
    guard let text = response?.text, let start = text.range(of: #""error":""#) else { return nil }
    let rest = text[start.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
}
