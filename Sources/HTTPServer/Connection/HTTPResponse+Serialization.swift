extension HTTPResponse {
    /// The bytes sent for this response: status line, header section and (unless `omitBody`) body.
    ///
    /// - Parameters:
    ///   - omitBody: true for a HEAD request; Content-Length still gives the body's length.
    ///   - closing: adds `Connection: close`.
    ///   - announceKeepAlive: adds `Connection: keep-alive` (HTTP/1.0 clients that asked for it).
    ///   - date: the `Date` value, unless the handler set one.
    func serialized(omitBody: Bool, closing: Bool, announceKeepAlive: Bool, date: String) -> [UInt8] {
        let response = (200...999).contains(status) ? self : HTTPProtocolError.internalError.response
        // 204 and 304 have no content, and RFC 9110 forbids Content-Length on a 204.
        let hasContent = response.status != 204 && response.status != 304
        var head = "HTTP/1.1 \(response.status) \(Self.reasonPhrase(for: response.status))\r\n"
        var hasDate = false
        for (name, value) in response.headers where Self.isSendable(name: name, value: value) {
            switch name.lowercased() {
            case "content-length", "transfer-encoding", "connection", "keep-alive":
                continue
            case "date":
                hasDate = true
            default:
                break
            }
            head += "\(name): \(value)\r\n"
        }
        if !hasDate { head += "Date: \(date)\r\n" }
        if hasContent { head += "Content-Length: \(response.body.count)\r\n" }
        if closing {
            head += "Connection: close\r\n"
        } else if announceKeepAlive {
            head += "Connection: keep-alive\r\n"
        }
        head += "\r\n"
        var bytes = Array(head.utf8)
        if hasContent && !omitBody {
            bytes.reserveCapacity(bytes.count + response.body.count)
            bytes.append(contentsOf: response.body)
        }
        return bytes
    }

    /// Whether a handler's header field can be sent without breaking the response's framing.
    static func isSendable(name: String, value: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy(ByteClass.isTokenCharacter)
            && value.utf8.allSatisfy(ByteClass.isFieldValueByte)
    }

    /// The RFC 9110 reason phrase for a status code, or an empty string for an unusual one.
    static func reasonPhrase(for status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 203: "Non-Authoritative Information"
        case 204: "No Content"
        case 206: "Partial Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 410: "Gone"
        case 411: "Length Required"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 416: "Range Not Satisfiable"
        case 417: "Expectation Failed"
        case 422: "Unprocessable Content"
        case 425: "Too Early"
        case 426: "Upgrade Required"
        case 428: "Precondition Required"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: ""
        }
    }
}
