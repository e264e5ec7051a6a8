/// Where `serve` listens: `HOST:PORT`, with IPv6 hosts in brackets (`[::1]:3000`).
struct ListenAddress: Sendable, Equatable {
    var host: String
    var port: UInt16

    /// Parses `--listen`; `nil` when the value is not `HOST:PORT`.
    init?(_ text: String) {
        let host: Substring
        let port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            port = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let number = UInt16(port) else { return nil }
        self.host = host == "localhost" ? "127.0.0.1" : String(host)
        self.port = number
    }

    /// Whether only this machine can connect (127.0.0.0/8 or ::1).
    var isLoopback: Bool {
        host == "::1" || host.hasPrefix("127.")
    }

    /// The base URL a client uses.
    func url(port bound: UInt16) -> String {
        host.contains(":") ? "http://[\(host)]:\(bound)" : "http://\(host):\(bound)"
    }
}
