@testable import HTTPServer
import Testing

/// Concurrency, limits, shutdown and the errors `start()` reports.
struct HTTPServerLifecycleTests {
    @Test func halfSentRequestDoesNotDelayOtherConnections() async throws {
        // The slow request must not time out however long a loaded machine takes.
        try await withServer({ $0.readTimeout = 300 }) { _, port in
            let slow = try await RawClient.connect(port: port)
            try await slow.send("POST /slow HTTP/1.1\r\nHost: t\r\nContent-Length: 6\r\n\r\nhal")
            let fast = try await RawClient.connect(port: port)
            try await fast.send(get("/fast"))
            #expect(try await fast.readResponse()?.text == "GET /fast [] ")
            try await slow.send("f!!")
            #expect(try await slow.readResponse()?.text == "POST /slow [] half!!")
        }
    }

    @Test func handlersOnDifferentConnectionsRunConcurrently() async throws {
        // The first request's handler only finishes once the second one has arrived.
        let (arrivals, arrived) = AsyncStream<Void>.makeStream()
        try await withServer(handler: { request in
            if request.path == "/second" {
                arrived.yield()
            } else {
                for await _ in arrivals { break }
            }
            return HTTPResponse(status: 200, body: Array(request.path.utf8))
        }) { _, port in
            let first = try await RawClient.connect(port: port)
            try await first.send(get("/first"))
            let second = try await RawClient.connect(port: port)
            try await second.send(get("/second"))
            #expect(try await second.readResponse()?.text == "/second")
            #expect(try await first.readResponse()?.text == "/first")
        }
    }

    @Test func connectionsBeyondTheLimitGet503() async throws {
        try await withServer({ $0.maxConnections = 1 }) { _, port in
            let admitted = try await RawClient.connect(port: port)
            try await admitted.send(get("/one"))
            #expect(try await admitted.readResponse()?.status == 200)

            let refused = try await RawClient.connect(port: port)
            let response = try await refused.readResponse()
            #expect(response?.status == 503)
            #expect(errorCode(response) == "server_busy")
            #expect(try await refused.readToEnd().isEmpty)

            // The admitted connection is still served.
            try await admitted.send(get("/two"))
            #expect(try await admitted.readResponse()?.status == 200)
        }
    }

    @Test func shutdownAnswersTheRequestInFlightThenRefusesConnections() async throws {
        let (started, handlerStarted) = AsyncStream<Void>.makeStream()
        let (gate, openGate) = AsyncStream<Void>.makeStream()
        let body = String(repeating: "z", count: 300_000)
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        // As in `withServer`: under the full suite's load the 10-second default read timeout
        // closed the first connection before its request arrived.
        configuration.readTimeout = 600
        configuration.idleTimeout = 600
        let server = HTTPServer(configuration: configuration) { request in
            if request.path == "/slow" {
                handlerStarted.yield()
                for await _ in gate { break }
                return .json(status: 200, #"{"body":"\#(body)"}"#)
            }
            return HTTPResponse(status: 200)
        }
        let port = try server.start()

        let idle = try await RawClient.connect(port: port)
        try await idle.send(get("/quick"))
        #expect(try await idle.readResponse()?.status == 200)

        let busy = try await RawClient.connect(port: port)
        try await busy.send(get("/slow"))
        for await _ in started { break }

        server.beginShutdown()
        await #expect(throws: RawClient.Failure.self) { try await RawClient.connect(port: port) }
        // The idle keep-alive connection is closed without waiting for the request in flight.
        #expect(try await idle.readToEnd().isEmpty)

        let stopping = Task { await server.shutdown() }
        openGate.yield()
        let response = try #require(try await busy.readResponse())
        #expect(response.status == 200)
        #expect(response.header("connection") == "close")
        #expect(response.text == #"{"body":"\#(body)"}"#)
        #expect(try await busy.readToEnd().isEmpty)
        busy.disconnect()
        await stopping.value
        await server.waitUntilStopped()
        await #expect(throws: RawClient.Failure.self) { try await RawClient.connect(port: port) }
    }

    @Test func shutdownWithoutConnectionsReturns() async throws {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        let server = HTTPServer(configuration: configuration) { _ in HTTPResponse(status: 200) }
        _ = try server.start()
        async let waiter: Void = server.waitUntilStopped()
        await server.shutdown()
        await waiter
        await server.shutdown()
    }

    @Test func dropConnectionClosesWithoutAnswering() async throws {
        try await withServer(handler: { _ in .dropConnection }) { _, port in
            let client = try await RawClient.connect(port: port)
            try await client.send(get("/"))
            #expect(try await client.readToEnd().isEmpty)
        }
    }

    @Test func clientsThatLeaveMidRequestOrMidResponseDoNotHurtTheServer() async throws {
        let big = [UInt8](repeating: 1, count: 8 << 20)
        try await withServer(handler: { request in
            HTTPResponse(status: 200, body: request.path == "/big" ? big : [])
        }) { _, port in
            for _ in 0..<5 {
                let leaving = try await RawClient.connect(port: port)
                try await leaving.send(get("/big"))
                leaving.disconnect()  // while the server is still writing 8 MiB
            }
            let partial = try await RawClient.connect(port: port)
            try await partial.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Len")
            partial.finishSending()
            // A client that stops sending midway may still be reading: it is told why.
            #expect(String(decoding: try await partial.readToEnd(), as: UTF8.self).hasPrefix("HTTP/1.1 400 "))

            #expect(try await exchange(port, get("/small"))?.status == 200)
        }
    }

    @Test func servesIPv6() async throws {
        try await withServer({ $0.host = "::1" }) { _, port in
            let client = try await RawClient.connect(port: port, host: "::1")
            try await client.send(get("/six"))
            #expect(try await client.readResponse()?.text == "GET /six [] ")
        }
    }

    @Test func startReportsAnAddressInUse() async throws {
        try await withServer { _, port in
            var configuration = HTTPServer.Configuration()
            configuration.port = port
            let second = HTTPServer(configuration: configuration) { _ in HTTPResponse(status: 200) }
            #expect(throws: HTTPServerError.self) { try second.start() }
            do throws(HTTPServerError) {
                _ = try second.start()
            } catch {
                #expect(error.description == "address already in use: 127.0.0.1:\(port)")
            }
        }
    }

    @Test func startReportsAnInvalidHostAndConfiguration() {
        var configuration = HTTPServer.Configuration()
        configuration.host = "localhost"
        do {
            _ = try HTTPServer(configuration: configuration) { _ in HTTPResponse(status: 200) }.start()
            Issue.record("started with a host name")
        } catch {
            #expect(error.message == "invalid host 'localhost': expected an IPv4 or IPv6 address literal such as 127.0.0.1 or ::1")
        }
        configuration = HTTPServer.Configuration()
        configuration.readTimeout = 0
        do {
            _ = try HTTPServer(configuration: configuration) { _ in HTTPResponse(status: 200) }.start()
            Issue.record("started with a zero read timeout")
        } catch {
            #expect(error.message == "invalid server configuration: readTimeout must be a positive number of seconds (got 0.0)")
        }
    }

    @Test func startTwiceOrAfterShutdownIsAnError() async throws {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        let server = HTTPServer(configuration: configuration) { _ in HTTPResponse(status: 200) }
        _ = try server.start()
        #expect(throws: HTTPServerError.self) { try server.start() }
        await server.shutdown()
        do {
            _ = try server.start()
            Issue.record("started after shutdown")
        } catch {
            #expect(error.message == "the server was shut down and cannot start again")
        }
    }
}
