import CaracalRuntime
import CaracalRuntimeEmbedded
import CaracalRuntimeRemote
import CaracalServe
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPServer
import Manifest
import TestSupport

/// `serve` in-process: the embedded runtime in a temporary folder behind the Admin API router
/// and the HTTP server on a free loopback port.
struct ServeFixture: Sendable {
    static let token = "cat_test-serve-token-0123456789abcdef"

    let directory: TemporaryDirectory
    let runtime: EmbeddedRuntime
    let server: HTTPServer
    let url: URL

    /// Starts serving; `faultRate` > 0 injects failures in the order `faultSeed` gives.
    static func start(faultRate: Double = 0, faultSeed: UInt64 = 1) throws -> ServeFixture {
        let directory = try TemporaryDirectory()
        let runtime = try EmbeddedRuntime.open(directory: directory.file("state"))
        let router = AdminAPIRouter(runtime: runtime, globalToken: token, faultRate: faultRate, faultSeed: faultSeed)
        return try start(directory: directory, runtime: runtime) { await router.respond(to: $0) }
    }

    /// Starts an HTTP server with any handler (for client tests that script responses).
    static func start(handler: @escaping @Sendable (HTTPRequest) async -> HTTPResponse) throws -> ServeFixture {
        let directory = try TemporaryDirectory()
        let runtime = try EmbeddedRuntime.open(directory: directory.file("state"))
        return try start(directory: directory, runtime: runtime, handler: handler)
    }

    private static func start(directory: TemporaryDirectory, runtime: EmbeddedRuntime, handler: @escaping @Sendable (HTTPRequest) async -> HTTPResponse) throws -> ServeFixture {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, handler: handler)
        let port = try server.start()
        return ServeFixture(directory: directory, runtime: runtime, server: server, url: URL(string: "http://127.0.0.1:\(port)")!)
    }

    /// A remote runtime talking to this server with `token` and quick retries.
    func remote(token: String? = ServeFixture.token) -> RemoteRuntime {
        var options = AdminAPIClient.Options()
        options.backoffBase = 0.005
        options.backoffCap = 0.02
        return RemoteRuntime(client: AdminAPIClient(baseURL: url, token: token, options: options))
    }

    func stop() async {
        await server.shutdown()
        try? await runtime.close()
        directory.remove()
    }

    /// One raw request, as any HTTP client would send it.
    func request(_ method: String, _ path: String, body: String? = nil, token: String? = ServeFixture.token) async throws -> RawResponse {
        var request = URLRequest(url: URL(string: path, relativeTo: url)!.absoluteURL)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        let json = data.isEmpty ? nil : try? JSONReader.value(from: [UInt8](data))
        return RawResponse(status: http.statusCode, json: json, bodyBytes: data.count, requestID: http.value(forHTTPHeaderField: "x-request-id"))
    }

    /// A raw request whose 2xx JSON body is returned; anything else fails the test's expectation.
    func json(_ method: String, _ path: String, body: String? = nil, token: String? = ServeFixture.token) async throws -> RegoValue {
        let response = try await request(method, path, body: body, token: token)
        guard (200..<300).contains(response.status), let json = response.json else {
            throw FixtureError(message: "\(method) \(path) answered \(response.status): \(response.json.map(JSONWriter.compact) ?? "no body")")
        }
        return json
    }
}

/// A response as the test sees it.
struct RawResponse: Sendable {
    var status: Int
    var json: RegoValue?
    var bodyBytes: Int
    var requestID: String?

    var errorCode: String? { json?["error"]?.stringValue }
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
