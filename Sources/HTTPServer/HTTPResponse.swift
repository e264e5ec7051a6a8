/// What a handler answers: a status, header fields and a body.
///
/// The server adds `Content-Length`, `Date` and, when it closes the connection,
/// `Connection: close`; the handler's own `Content-Length`, `Transfer-Encoding` and `Connection`
/// fields are replaced, and fields whose name or value could not be sent safely are left out.
/// A status outside 200...999 is answered as a 500.
public struct HTTPResponse: Sendable {
    /// The status code, such as 200.
    public var status: Int
    /// The header fields, sent in this order.
    public var headers: [(name: String, value: String)]
    /// The body; not sent for HEAD requests or for 204 and 304 responses.
    public var body: [UInt8]

    /// Whether the server closes the connection instead of answering.
    public private(set) var dropsConnection: Bool = false

    /// Creates a response.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response whose body is JSON text (sets content-type application/json; charset=utf-8).
    public static func json(
        status: Int,
        _ text: String,
        headers: [(name: String, value: String)] = []
    ) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: [(name: "Content-Type", value: "application/json; charset=utf-8")] + headers,
            body: Array(text.utf8)
        )
    }

    /// Instead of answering, close the connection without writing anything (fault injection).
    public static let dropConnection: HTTPResponse = {
        var response = HTTPResponse(status: 500)
        response.dropsConnection = true
        return response
    }()
}
