extension HTTPServer {
    /// Where the server listens and the limits it enforces on clients.
    ///
    /// The defaults suit a development server on the loopback interface.
    public struct Configuration: Sendable {
        /// An IPv4 or IPv6 address literal to bind, such as `127.0.0.1`, `::1` or `0.0.0.0`.
        public var host: String = "127.0.0.1"
        /// The port to bind; 0 picks an ephemeral port, which `start()` returns.
        public var port: UInt16 = 3000
        /// The largest request body accepted; larger ones get 413.
        public var maxBodyBytes: Int = 1 << 20
        /// The largest request line plus header section accepted; larger ones get 431.
        public var maxHeaderBytes: Int = 16 << 10
        /// The most header fields a request may carry; more get 431.
        public var maxHeaderCount: Int = 100
        /// Seconds a request may take to arrive once its first byte has; slower ones get 408.
        public var readTimeout: Double = 10
        /// Seconds a keep-alive connection may sit idle before the server closes it.
        ///
        /// It also bounds how long writing a response to a client that does not read may take.
        public var idleTimeout: Double = 30
        /// The most connections served at once; beyond this, new connections get 503 and are closed.
        public var maxConnections: Int = 256

        /// Creates the default configuration.
        public init() {}

        /// The first setting that cannot work, as a sentence, or `nil` when all can.
        func problem() -> String? {
            if maxBodyBytes < 0 {
                return "maxBodyBytes must not be negative (got \(maxBodyBytes))"
            }
            if maxHeaderBytes < 64 {
                return "maxHeaderBytes must be at least 64 (got \(maxHeaderBytes))"
            }
            if maxHeaderCount < 1 {
                return "maxHeaderCount must be at least 1 (got \(maxHeaderCount))"
            }
            if !(readTimeout > 0 && readTimeout < 1e9) {
                return "readTimeout must be a positive number of seconds (got \(readTimeout))"
            }
            if !(idleTimeout > 0 && idleTimeout < 1e9) {
                return "idleTimeout must be a positive number of seconds (got \(idleTimeout))"
            }
            if maxConnections < 1 {
                return "maxConnections must be at least 1 (got \(maxConnections))"
            }
            return nil
        }
    }
}
