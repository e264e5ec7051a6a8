/// The parts of an absolute URL the Admin API's checks look at, parsed without Foundation.
struct SimpleURL {
    /// The scheme, lower-cased.
    var scheme: String
    /// The host, lower-cased, without port or brackets; empty when there is none.
    var host: String
    var hasUserInfo: Bool
    /// Whether the scheme is followed by `//` (an authority).
    var hasAuthority: Bool

    init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon]
        guard let first = scheme.utf8.first, Self.isLetter(first),
              scheme.utf8.allSatisfy({ Self.isAlphanumeric($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
        else { return nil }
        if text.unicodeScalars.contains(where: { $0 == " " || $0.value < 0x20 || $0.value == 0x7F }) { return nil }
        self.scheme = scheme.lowercased()
        let rest = text[text.index(after: colon)...]
        guard rest.hasPrefix("//") else {
            guard !rest.isEmpty else { return nil }
            host = ""
            hasUserInfo = false
            hasAuthority = false
            return
        }
        hasAuthority = true
        let afterSlashes = rest.dropFirst(2)
        let authority = afterSlashes.prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" })
        var hostPart = authority[...]
        if let at = authority.lastIndex(of: "@") {
            hasUserInfo = true
            hostPart = authority[authority.index(after: at)...]
        } else {
            hasUserInfo = false
        }
        if hostPart.hasPrefix("[") {
            guard let close = hostPart.firstIndex(of: "]") else { return nil }
            host = String(hostPart[hostPart.index(after: hostPart.startIndex)..<close]).lowercased()
        } else {
            if let portColon = hostPart.firstIndex(of: ":") {
                let port = hostPart[hostPart.index(after: portColon)...]
                guard port.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
                hostPart = hostPart[..<portColon]
            }
            host = String(hostPart).lowercased()
        }
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 0x30 && byte <= 0x39)
    }
}
