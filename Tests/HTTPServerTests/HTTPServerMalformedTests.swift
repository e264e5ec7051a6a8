import HTTPServer
import Testing

/// Requests the server refuses itself: each gets its status and JSON envelope, then the
/// connection closes.
struct HTTPServerMalformedTests {
    /// Sends `request`, expects `status` with `code`, and expects the server to close afterwards.
    private func expectRefusal(
        _ request: String,
        status: Int,
        code: String,
        configure: (inout HTTPServer.Configuration) -> Void = { _ in },
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        try await withServer(configure) { _, port in
            let client = try await RawClient.connect(port: port)
            try await client.send(request)
            let response = try #require(try await client.readResponse(), sourceLocation: sourceLocation)
            #expect(response.status == status, sourceLocation: sourceLocation)
            #expect(errorCode(response) == code, sourceLocation: sourceLocation)
            #expect(response.header("content-type") == "application/json; charset=utf-8", sourceLocation: sourceLocation)
            #expect(response.header("connection") == "close", sourceLocation: sourceLocation)
            #expect(response.text.contains(#""error_description":""#), sourceLocation: sourceLocation)
            #expect(try await client.readToEnd().isEmpty, sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [
        "GET /\r\nHost: t\r\n\r\n",
        "GET  / HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET / HTTP/1.1 extra\r\nHost: t\r\n\r\n",
        "G(T / HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET relative HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET * HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET / HTTX/1.1\r\nHost: t\r\n\r\n",
        "GET / HTTP/1.10\r\nHost: t\r\n\r\n",
        "GET /a\u{0}b HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /\u{e9} HTTP/1.1\r\nHost: t\r\n\r\n",
    ])
    func badRequestLineGets400(request: String) async throws {
        try await expectRefusal(request, status: 400, code: "bad_request")
    }

    @Test func badRequestLineIsRefusedBeforeTheHeadersEnd() async throws {
        try await withServer { _, port in
            let client = try await RawClient.connect(port: port)
            // No empty line: the server must not wait for the rest of the head.
            try await client.send("NOT AN HTTP REQUEST LINE\r\n")
            #expect(try await client.readResponse()?.status == 400)
        }
    }

    @Test(arguments: ["HTTP/2.0", "HTTP/0.9", "HTTP/3.0"])
    func unsupportedVersionGets505(version: String) async throws {
        try await expectRefusal("GET / \(version)\r\nHost: t\r\n\r\n", status: 505, code: "http_version_not_supported")
    }

    @Test(arguments: [
        "Host: t\r\nNoColonHere\r\n",
        "Host: t\r\nBad Name: x\r\n",
        "Host: t\r\n: empty name\r\n",
        "Host: t\r\nX-Folded: a\r\n  continued\r\n",
        "Host: t\r\nX-Nul: a\u{0}b\r\n",
        "Host: t\r\nX-Bare-CR: a\rb\r\n",
        "Host: t\r\nHost: u\r\n",
        "X-No-Host: 1\r\n",
    ])
    func badHeaderGets400(headers: String) async throws {
        try await expectRefusal("GET / HTTP/1.1\r\n\(headers)\r\n", status: 400, code: "bad_request")
    }

    @Test func oversizedHeadersGet431() async throws {
        let big = String(repeating: "v", count: 2000)
        try await expectRefusal(
            get("/", "X-Big: \(big)\r\n"), status: 431, code: "request_header_fields_too_large",
            configure: { $0.maxHeaderBytes = 1024 }
        )
    }

    @Test func oversizedHeadersWithoutAnEndGet431() async throws {
        // The limit applies while the head is still arriving, not only once it is complete.
        let endless = "GET / HTTP/1.1\r\nX-Endless: " + String(repeating: "v", count: 4000)
        try await expectRefusal(
            endless, status: 431, code: "request_header_fields_too_large",
            configure: { $0.maxHeaderBytes = 1024 }
        )
    }

    @Test func tooManyHeadersGet431() async throws {
        let headers = (1...11).map { "X-H\($0): v\r\n" }.joined()
        try await expectRefusal(
            get("/", headers), status: 431, code: "request_header_fields_too_large",
            configure: { $0.maxHeaderCount = 10 }
        )
    }

    @Test func oversizedBodyByContentLengthGets413WithoutReadingIt() async throws {
        // Only the head is sent: the server decides from Content-Length alone.
        try await expectRefusal(
            "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1025\r\n\r\n",
            status: 413, code: "payload_too_large", configure: { $0.maxBodyBytes = 1024 }
        )
        try await expectRefusal(
            "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999999999999999999999\r\n\r\n",
            status: 413, code: "payload_too_large"
        )
    }

    @Test func chunkedBodyOverTheLimitGets413() async throws {
        let chunk = String(repeating: "c", count: 600)
        try await expectRefusal(
            "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n0\r\n\r\n",
            status: 413, code: "payload_too_large", configure: { $0.maxBodyBytes = 1024 }
        )
    }

    @Test(arguments: ["zz", "", "-1", "5 x", "5\u{0}"])
    func badChunkSizeGets400(size: String) async throws {
        try await expectRefusal(
            "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n\(size)\r\nhello\r\n0\r\n\r\n",
            status: 400, code: "bad_request"
        )
    }

    @Test func chunkWithoutItsLineEndGets400() async throws {
        try await expectRefusal(
            "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhelloo\r\n0\r\n\r\n",
            status: 400, code: "bad_request"
        )
    }

    @Test func contentLengthWithTransferEncodingGets400() async throws {
        try await expectRefusal(
            "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            status: 400, code: "bad_request"
        )
    }

    @Test(arguments: ["-1", "abc", "1.5", "+5", "5, 6", ""])
    func invalidContentLengthGets400(length: String) async throws {
        try await expectRefusal(
            "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: \(length)\r\n\r\nhello",
            status: 400, code: "bad_request"
        )
    }

    @Test func conflictingContentLengthsGet400() async throws {
        try await expectRefusal(
            "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
            status: 400, code: "bad_request"
        )
    }

    @Test func repeatedEqualContentLengthsAreAccepted() async throws {
        try await withServer { _, port in
            let response = try await exchange(
                port, "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 5, 5\r\n\r\nhello"
            )
            #expect(response?.text == "POST / [] hello")
        }
    }

    @Test(arguments: ["gzip", "gzip, chunked", "chunked, chunked", "identity"])
    func unknownTransferEncodingGets501(coding: String) async throws {
        try await expectRefusal(
            "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: \(coding)\r\n\r\n0\r\n\r\n",
            status: 501, code: "not_implemented"
        )
    }

    @Test func halfSentRequestGets408() async throws {
        try await expectRefusal(
            "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nhalf",
            status: 408, code: "request_timeout", configure: { $0.readTimeout = 0.3 }
        )
        try await expectRefusal(
            "GET / HTTP/1.1\r\nHost: t\r\n",
            status: 408, code: "request_timeout", configure: { $0.readTimeout = 0.3 }
        )
    }

    @Test func idleKeepAliveConnectionIsClosedQuietly() async throws {
        try await withServer({ $0.idleTimeout = 2 }) { _, port in
            // Connected and sent from one thread, so no wait for the test's executor can fall
            // between them and let the idle timeout pass before the request.
            let (client, status) = try await onThread { () -> (RawClient, Int?) in
                let client = try RawClient.connectNow(port: port)
                try client.sendNow(Array(get("/").utf8))
                return (client, try client.readResponseNow()?.status)
            }
            #expect(status == 200)
            // The server closes after the idle timeout, without sending a 408.
            #expect(try await client.readToEnd().isEmpty)
        }
    }

    @Test func badStatusFromTheHandlerBecomes500() async throws {
        try await withServer(handler: { _ in HTTPResponse(status: 42) }) { _, port in
            let response = try await exchange(port, get("/"))
            #expect(response?.status == 500)
            #expect(errorCode(response) == "internal_error")
        }
    }
}
