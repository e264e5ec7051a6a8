import Manifest

/// The parts of an absolute URL the Admin API's checks look at, parsed without Foundation.
struct SimpleURL {
    /// The scheme, lower-cased.
    var scheme: String
    /// The host, lower-cased, without port or brackets; empty when there is none.
    var host: String
    var hasUserInfo: Bool
    /// Whether the scheme is followed by `//` (an authority).
    var hasAuthority: Bool

    /// Parses `text`; `nil` when it has no scheme, a malformed one, spaces or control
    /// characters, an unclosed `[`, or a port that is not digits.
    ///
    /// Every delimiter is ASCII, so the text is read as UTF-8 bytes: reading it as characters
    /// cost the store more than the rest of a create.
    init?(_ text: String) {
        let utf8 = text.utf8
        guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let scheme = utf8[..<colon]
        guard AdminAPIFormats.isURLScheme(scheme) else { return nil }
        if utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) { return nil }
        self.scheme = String(Substring(scheme)).lowercased()
        let rest = utf8[utf8.index(after: colon)...]
        guard rest.starts(with: "//".utf8) else {
            guard !rest.isEmpty else { return nil }
            host = ""
            hasUserInfo = false
            hasAuthority = false
            return
        }
        hasAuthority = true
        let authority = rest.dropFirst(2).prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        var hostPart = authority
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) {
            hasUserInfo = true
            hostPart = authority[authority.index(after: at)...]
        } else {
            hasUserInfo = false
        }
        if hostPart.first == UInt8(ascii: "[") {
            guard let close = hostPart.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            host = String(Substring(hostPart[hostPart.index(after: hostPart.startIndex)..<close])).lowercased()
        } else {
            if let portColon = hostPart.firstIndex(of: UInt8(ascii: ":")) {
                let port = hostPart[hostPart.index(after: portColon)...]
                guard port.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
                hostPart = hostPart[..<portColon]
            }
            host = String(Substring(hostPart)).lowercased()
        }
    }
}
