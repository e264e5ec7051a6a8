/// Why the server could not start, as a sentence a person can act on.
///
/// For example `address already in use: 127.0.0.1:3000`.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    /// The whole message.
    public var message: String

    /// Creates an error with this message.
    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
