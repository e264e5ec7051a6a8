@testable import HTTPServer
import Testing

/// The pure pieces under the server: query decoding, request lines, framing, chunk sizes,
/// dates and JSON quoting.
struct HTTPParsingTests {
    @Test func queryDecoding() {
        #expect(QueryDecoder.decode("a=1&b=x%20y+z&c&=v&&d=%zz%4&e=%") == [
            "a": "1", "b": "x y z", "c": "", "": "v", "d": "%zz%4", "e": "%",
        ])
        #expect(QueryDecoder.decode("k=%C3%A9&k=last") == ["k": "last"])
        #expect(QueryDecoder.decode("bad=%FF") == ["bad": "\u{FFFD}"])
    }

    @Test func requestWithoutQuery() {
        let request = HTTPRequest(method: "GET", target: "/v1/zones", headers: [(name: "X-A", value: "1")])
        #expect(request.path == "/v1/zones")
        #expect(request.query.isEmpty)
        #expect(request.header("x-a") == "1")
    }

    @Test func requestLines() throws {
        let line = try HTTPRequestLine(parsing: Array("OPTIONS * HTTP/1.0".utf8)[...])
        #expect(line.method == "OPTIONS" && line.target == "*" && line.minorVersion == 0)
        // Later HTTP/1.x minor versions are served as HTTP/1.1.
        #expect(try HTTPRequestLine(parsing: Array("GET / HTTP/1.2".utf8)[...]).minorVersion == 1)
        #expect(throws: HTTPProtocolError.versionNotSupported) {
            try HTTPRequestLine(parsing: Array("GET / HTTP/2.0".utf8)[...])
        }
    }

    @Test func framing() throws {
        func head(_ fields: [(String, String)]) throws -> HTTPRequestHead {
            let lines = ["POST / HTTP/1.1", "Host: t"] + fields.map { "\($0.0): \($0.1)" }
            return try HTTPRequestHead(lines: lines.map { Array($0.utf8)[...] }, maxHeaderCount: 10)
        }
        #expect(try head([]).bodyFraming(maxBodyBytes: 10) == BodyFraming.none)
        #expect(try head([("Content-Length", "0")]).bodyFraming(maxBodyBytes: 10) == BodyFraming.none)
        #expect(try head([("Content-Length", "10")]).bodyFraming(maxBodyBytes: 10) == .length(10))
        #expect(try head([("Transfer-Encoding", "Chunked")]).bodyFraming(maxBodyBytes: 10) == .chunked)
        #expect(throws: HTTPProtocolError.payloadTooLarge(limit: 10)) {
            try head([("Content-Length", "11")]).bodyFraming(maxBodyBytes: 10)
        }
        #expect(try head([("Connection", "Keep-Alive, Close")]).keepsAlive == false)
        #expect(try head([("Expect", "100-Continue")]).expectsContinue)
    }

    @Test func chunkSizes() throws {
        #expect(try ChunkedCoding.chunkSize(parsing: Array("1aF".utf8)[...]) == 0x1AF)
        #expect(try ChunkedCoding.chunkSize(parsing: Array("10 ; name=\"v\"".utf8)[...]) == 16)
        #expect(try ChunkedCoding.chunkSize(parsing: Array("fffffffffffffffffffff".utf8)[...]) == Int.max)
        #expect(throws: HTTPProtocolError.self) { try ChunkedCoding.chunkSize(parsing: Array("0x10".utf8)[...]) }
    }

    @Test func datesAreIMFFixdate() {
        #expect(HTTPDate.string(from: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.string(from: 1_767_225_599) == "Wed, 31 Dec 2025 23:59:59 GMT")
    }

    @Test func errorEnvelopes() {
        let response = HTTPProtocolError.badRequest("A \"quoted\"\nline.").response
        #expect(response.status == 400)
        #expect(String(decoding: response.body, as: UTF8.self)
            == #"{"error":"bad_request","error_description":"A \"quoted\"\nline."}"#)
        #expect(JSONText.quoted("\u{1}") == #""\u0001""#)
    }

    @Test func serializedResponse() {
        let bytes = HTTPResponse(status: 299, headers: [(name: "X-A", value: "1")], body: [65])
            .serialized(omitBody: false, closing: false, announceKeepAlive: true, date: "D")
        #expect(String(decoding: bytes, as: UTF8.self)
            == "HTTP/1.1 299 \r\nX-A: 1\r\nDate: D\r\nContent-Length: 1\r\nConnection: keep-alive\r\n\r\nA")
    }
}
