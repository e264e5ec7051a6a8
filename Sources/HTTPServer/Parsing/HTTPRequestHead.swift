/// A request's line and header section, parsed and checked, before its body is read.
struct HTTPRequestHead {
    var line: HTTPRequestLine
    /// Names lowercased, values trimmed, in the order sent.
    var headers: [(name: String, value: String)]

    /// Parses the lines of a header section (without line endings, the request line first,
    /// the empty line that ends the section left out).
    ///
    /// - Throws: 400 for a malformed line, 431 for more than `maxHeaderCount` fields, 505 for an
    ///   unsupported version.
    init(lines: [ArraySlice<UInt8>], maxHeaderCount: Int) throws(HTTPProtocolError) {
        guard let first = lines.first else { throw .badRequest("The request line is missing.") }
        line = try HTTPRequestLine(parsing: first)
        guard lines.count - 1 <= maxHeaderCount else {
            throw .headerFieldsTooLarge("The request has more than \(maxHeaderCount) header fields.")
        }
        headers = []
        headers.reserveCapacity(lines.count - 1)
        for fieldLine in lines.dropFirst() {
            headers.append(try Self.parseField(fieldLine))
        }
        if line.minorVersion >= 1 {
            guard values(of: "host").count == 1 else {
                throw .badRequest("An HTTP/1.1 request must carry exactly one Host header field.")
            }
        }
    }

    /// Parses `name: value`, the value trimmed of spaces and tabs.
    static func parseField(_ fieldLine: ArraySlice<UInt8>) throws(HTTPProtocolError) -> (name: String, value: String) {
        if let first = fieldLine.first, ByteClass.isWhitespace(first) {
            throw .badRequest("A header line starts with whitespace (obsolete line folding is not accepted).")
        }
        guard let colon = fieldLine.firstIndex(of: ByteClass.colon) else {
            throw .badRequest("A header line has no colon.")
        }
        let name = fieldLine[..<colon]
        guard !name.isEmpty, name.allSatisfy(ByteClass.isTokenCharacter) else {
            throw .badRequest("A header field name is empty or contains characters that are not allowed.")
        }
        var value = fieldLine[fieldLine.index(after: colon)...]
        while let byte = value.first, ByteClass.isWhitespace(byte) { value = value.dropFirst() }
        while let byte = value.last, ByteClass.isWhitespace(byte) { value = value.dropLast() }
        guard value.allSatisfy(ByteClass.isFieldValueByte) else {
            throw .badRequest("A header field value contains a control character.")
        }
        return (
            name: String(decoding: name, as: UTF8.self).lowercased(),
            value: String(decoding: value, as: UTF8.self)
        )
    }

    /// Every value of the fields with this lowercased name, in order.
    func values(of name: String) -> [String] {
        headers.lazy.filter { $0.name == name }.map(\.value)
    }

    /// The comma-separated list elements of every field with this name, lowercased and trimmed.
    func listElements(of name: String) -> [String] {
        values(of: name).flatMap { value in
            value.split(separator: ",").map { element in
                Self.trimmed(element).lowercased()
            }.filter { !$0.isEmpty }
        }
    }

    private static func trimmed(_ text: Substring) -> Substring {
        var result = text
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }

    /// Whether the client wants the connection kept open after this request.
    var keepsAlive: Bool {
        let options = listElements(of: "connection")
        return line.minorVersion >= 1 ? !options.contains("close") : options.contains("keep-alive")
    }

    /// Whether the client waits for `100 Continue` before sending the body.
    var expectsContinue: Bool {
        line.minorVersion >= 1 && listElements(of: "expect") == ["100-continue"]
    }

    /// How the body is delimited.
    ///
    /// - Throws: 400 for Content-Length with Transfer-Encoding or an invalid or conflicting
    ///   Content-Length, 501 for a transfer coding other than chunked, 413 for a Content-Length
    ///   over `maxBodyBytes`.
    func bodyFraming(maxBodyBytes: Int) throws(HTTPProtocolError) -> BodyFraming {
        let lengths = values(of: "content-length")
        let hasTransferEncoding = headers.contains { $0.name == "transfer-encoding" }
        if hasTransferEncoding {
            guard lengths.isEmpty else {
                throw .badRequest("A request must not carry both Content-Length and Transfer-Encoding.")
            }
            let codings = listElements(of: "transfer-encoding")
            guard codings == ["chunked"] else {
                throw .notImplemented("Only the chunked transfer coding is supported.")
            }
            return .chunked
        }
        guard !lengths.isEmpty else { return .none }
        var length: Int?
        for element in lengths.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
            let digits = Self.trimmed(element).utf8
            guard !digits.isEmpty, digits.allSatisfy({ ByteClass.digitValue($0) != nil }) else {
                throw .badRequest("The Content-Length is not a non-negative decimal number.")
            }
            // Saturates instead of overflowing: any length past the limit gets 413 anyway.
            var value = 0
            for digit in digits {
                let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(ByteClass.digitValue(digit) ?? 0)
                value = overflow1 || overflow2 ? Int.max : sum
            }
            if let previous = length, previous != value {
                throw .badRequest("The request carries conflicting Content-Length values.")
            }
            length = value
        }
        let bodyLength = length ?? 0
        guard bodyLength <= maxBodyBytes else { throw .payloadTooLarge(limit: maxBodyBytes) }
        return bodyLength == 0 ? .none : .length(bodyLength)
    }
}

/// How a request body is delimited.
enum BodyFraming: Equatable {
    case none
    case length(Int)
    case chunked
}
