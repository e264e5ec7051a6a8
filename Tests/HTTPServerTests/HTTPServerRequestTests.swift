import HTTPServer
import Testing

struct HTTPServerRequestTests {
    @Test func getDecodesTheQueryAndFindsHeaders() async throws {
        try await withServer(handler: { request in
            let text = [
                request.method, request.target, request.path,
                request.query["name"] ?? "-", request.query["empty"] ?? "-", request.query["dup"] ?? "-",
                request.header("X-Custom") ?? "-", request.header("x-missing") ?? "-",
                request.headers.map(\.name).joined(separator: ","),
                request.remoteAddress.hasPrefix("127.0.0.1:") ? "local" : request.remoteAddress,
            ].joined(separator: "|")
            return HTTPResponse(status: 200, body: Array(text.utf8))
        }) { _, port in
            let response = try #require(try await exchange(
                port, get("/v1/zones?name=a%20b+c%2F%C3%A9&empty&dup=1&dup=2", "X-Custom:   padded value  \r\n")
            ))
            #expect(response.statusLine == "HTTP/1.1 200 OK")
            #expect(response.text == "GET|/v1/zones?name=a%20b+c%2F%C3%A9&empty&dup=1&dup=2|/v1/zones|a b c/é||2|padded value|-|host,x-custom|local")
            #expect(response.header("content-length") == String(response.body.count))
            #expect(response.header("date")?.hasSuffix(" GMT") == true)
        }
    }

    @Test func postEchoesABodyDelimitedByContentLength() async throws {
        try await withServer { _, port in
            let response = try await exchange(
                port, "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 11\r\n\r\nhello world"
            )
            #expect(response?.text == "POST /echo [] hello world")
        }
    }

    @Test func decodesAChunkedBodyWithExtensionsAndTrailers() async throws {
        try await withServer { _, port in
            let request = "POST /chunks HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n1;ext=1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: yes\r\n\r\n"
            let response = try await exchange(port, request)
            #expect(response?.status == 200)
            #expect(response?.text == "POST /chunks [] hello 0123456789")
        }
    }

    @Test func keepsTheConnectionAliveBetweenRequests() async throws {
        try await withServer { _, port in
            let client = try await RawClient.connect(port: port)
            for index in 1...3 {
                try await client.send(get("/r\(index)"))
                let response = try await client.readResponse()
                #expect(response?.text == "GET /r\(index) [] ")
                #expect(response?.header("connection") == nil)
            }
        }
    }

    @Test func answersPipelinedRequestsInOrder() async throws {
        try await withServer { _, port in
            let client = try await RawClient.connect(port: port)
            try await client.send(
                get("/first") + "POST /second HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc" + get("/third")
            )
            #expect(try await client.readResponse()?.text == "GET /first [] ")
            #expect(try await client.readResponse()?.text == "POST /second [] abc")
            #expect(try await client.readResponse()?.text == "GET /third [] ")
        }
    }

    @Test func headGetsTheLengthButNoBody() async throws {
        try await withServer { _, port in
            let client = try await RawClient.connect(port: port)
            try await client.send("HEAD /thing HTTP/1.1\r\nHost: test\r\n\r\n" + get("/after"))
            let head = try #require(try await client.readResponse(forHEAD: true))
            #expect(head.status == 200)
            #expect(head.header("content-length") == String("HEAD /thing [] ".utf8.count))
            #expect(head.body.isEmpty)
            // The next response starts right after the head: no body bytes were sent.
            #expect(try await client.readResponse()?.text == "GET /after [] ")
        }
    }

    @Test func connectionCloseIsHonoured() async throws {
        try await withServer { _, port in
            let client = try await RawClient.connect(port: port)
            try await client.send(get("/bye", "Connection: close\r\n"))
            let response = try await client.readResponse()
            #expect(response?.status == 200)
            #expect(response?.header("connection") == "close")
            #expect(try await client.readToEnd().isEmpty)
        }
    }

    @Test func http10ClosesUnlessKeepAliveIsAsked() async throws {
        try await withServer { _, port in
            let closing = try await RawClient.connect(port: port)
            try await closing.send("GET /old HTTP/1.0\r\n\r\n")
            #expect(try await closing.readResponse()?.header("connection") == "close")
            #expect(try await closing.readToEnd().isEmpty)

            let keeping = try await RawClient.connect(port: port)
            try await keeping.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try await keeping.readResponse()?.header("connection") == "keep-alive")
            try await keeping.send("GET /b HTTP/1.0\r\n\r\n")
            #expect(try await keeping.readResponse()?.text == "GET /b [] ")
            #expect(try await keeping.readToEnd().isEmpty)
        }
    }

    @Test func sendsContinueBeforeReadingTheBody() async throws {
        try await withServer { _, port in
            let client = try await RawClient.connect(port: port)
            try await client.send("PUT /up HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
            let interim = try await client.readResponse()
            #expect(interim?.statusLine == "HTTP/1.1 100 Continue")
            try await client.send("data")
            #expect(try await client.readResponse()?.text == "PUT /up [] data")
        }
    }

    @Test func noContentHasNoBodyOrLength() async throws {
        try await withServer(handler: { _ in HTTPResponse(status: 204, body: Array("ignored".utf8)) }) { _, port in
            let client = try await RawClient.connect(port: port)
            try await client.send(get("/gone") + get("/again"))
            let first = try #require(try await client.readResponse())
            #expect(first.statusLine == "HTTP/1.1 204 No Content")
            #expect(first.header("content-length") == nil)
            #expect(try await client.readResponse()?.status == 204)
        }
    }

    @Test func jsonResponsesAndHandlerHeaders() async throws {
        try await withServer(handler: { _ in
            .json(status: 201, #"{"ok":true}"#, headers: [
                (name: "Location", value: "/v1/x"),
                (name: "Content-Length", value: "999"),
                (name: "X-Split", value: "a\r\nInjected: yes"),
            ])
        }) { _, port in
            let response = try #require(try await exchange(port, get("/")))
            #expect(response.statusLine == "HTTP/1.1 201 Created")
            #expect(response.header("content-type") == "application/json; charset=utf-8")
            #expect(response.header("location") == "/v1/x")
            #expect(response.header("content-length") == "11")
            #expect(response.header("x-split") == nil)
            #expect(response.header("injected") == nil)
            #expect(response.text == #"{"ok":true}"#)
        }
    }

    @Test func largeResponsesOnOneKeepAliveConnection() async throws {
        let payload = [UInt8](repeating: UInt8(ascii: "x"), count: 200_000)
        try await withServer(handler: { _ in HTTPResponse(status: 200, body: payload) }) { _, port in
            let client = try await RawClient.connect(port: port)
            for index in 0..<50 {
                try await client.send(get("/big/\(index)"))
                let response = try await client.readResponse()
                #expect(response?.body == payload)
            }
        }
    }
}
