/// A request as the server received it, with its body read completely.
///
/// The server hands one of these to the handler for every request; the handler never sees a
/// request that broke the HTTP grammar or a limit (those get an error response from the server).
public struct HTTPRequest: Sendable {
    /// The method as sent, such as `GET` (methods are case-sensitive).
    public var method: String
    /// The raw request target, such as `/v1/zones?limit=2`.
    public var target: String
    /// The target before any `?`, exactly as sent: no percent-decoding is done.
    public var path: String
    /// The query parameters, percent-decoded with `+` read as a space; the last one of a name wins.
    public var query: [String: String]
    /// The header fields in the order sent, names lowercased and values trimmed of whitespace.
    public var headers: [(name: String, value: String)]
    /// The body, already decoded from chunked transfer coding when the client used it.
    public var body: [UInt8]
    /// The client's address and port, such as `127.0.0.1:54321` or `[::1]:54321`.
    public var remoteAddress: String

    /// Creates a request; the server makes these, tests of handlers may too.
    public init(
        method: String,
        target: String,
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = [],
        remoteAddress: String = ""
    ) {
        self.method = method
        self.target = target
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = QueryDecoder.decode(target[target.index(after: mark)...])
        } else {
            path = target
            query = [:]
        }
        self.headers = headers.map { (name: $0.name.lowercased(), value: $0.value) }
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The value of the first header field with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name == wanted }?.value
    }
}
